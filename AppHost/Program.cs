using Provisioner.AppHost;
using Provisioner.ServiceDefaults;

var builder = AppHostBuilder.Create(args);

// Infrastructure: configured connection strings win; otherwise scripts/services.sh starts local servers.
var postgres = builder.AddPostgres(ResourceNames.Postgres);
var rabbitmq = builder.AddRabbitMq(ResourceNames.RabbitMq);

// One database per service.
var authDb = postgres.AddDatabase(ResourceNames.AuthDb);
var provisioningDb = postgres.AddDatabase(ResourceNames.ProvisioningDb);
var advisorDb = postgres.AddDatabase(ResourceNames.AdvisorDb);
var auditDb = postgres.AddDatabase(ResourceNames.AuditDb);

// GHL: the configured API (AppHost:Ghl:BaseUrl), or the local sandbox started first.
var ghl = builder.AddGhl("ghl", ResourceNames.GhlSandbox);

// Services, with their references and what they wait for. Referencing the sandbox waits for it; services find
// each other at request time, so they start side by side rather than in a chain.
var auth = builder.AddProject(ResourceNames.Auth, "AuthService")
    .WithReference(authDb).WithReference(rabbitmq).WithReference(ghl)
    .WithEnvironment("GhlClientOptions__RedirectUri", builder.OAuthCallbackUrl);

var provisioning = builder.AddProject(ResourceNames.Provisioning, "ProvisioningService")
    .WithReference(provisioningDb).WithReference(rabbitmq).WithReference(ghl);

var advisor = builder.AddProject(ResourceNames.Advisor, "SnapshotAdvisor")
    .WithReference(advisorDb).WithReference(rabbitmq).WithReference(ghl);

var audit = builder.AddProject(ResourceNames.Audit, "AuditService")
    .WithReference(auditDb).WithReference(rabbitmq);

var web = builder.AddProject(ResourceNames.Web, "Web").WithRabbitMqManagement();

// The edge, started last: the only door, it proxies to every backend above.
builder.AddProject(ResourceNames.Gateway, "Gateway")
    .WaitFor(auth).WaitFor(provisioning).WaitFor(advisor).WaitFor(audit).WaitFor(web);

return await builder.Build().RunAsync();
