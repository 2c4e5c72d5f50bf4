using Provisioner.AppHost;
using Provisioner.AppHost.Model;
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

// One database every GHL caller shares: GHL's rate limits are per app, so its callers book requests in one budget.
var ghlRateBudget = postgres.AddDatabase(ResourceNames.GhlRateBudget);

// GHL: the configured API (AppHost:Ghl:BaseUrl), or the local sandbox started first.
var ghl = builder.AddGhl("ghl", ResourceNames.GhlSandbox);

// Services, with their references and what they wait for. Referencing the sandbox waits for it; services find
// each other at request time (every service gets services__<name>__http__0 of every other: provisioning and advisor
// reach http://auth), so they start side by side rather than in a chain. AuthService hands GHL tokens to the other
// GHL callers over its internal API, which accepts only this run's random key.
var internalKey = builder.InternalApiKey;
var auth = builder.AddProject(ResourceNames.Auth, "AuthService")
    .WithReference(authDb).WithReference(rabbitmq).WithReference(ghl)
    .WithEnvironment("GhlClientOptions__RedirectUri", builder.OAuthCallbackUrl)
    .AcceptsInternalKey(internalKey);

var provisioning = builder.AddProject(ResourceNames.Provisioning, "ProvisioningService")
    .WithReference(provisioningDb).WithReference(rabbitmq).WithReference(ghl)
    .WithSharedGhlRateBudget(ghlRateBudget).PresentsInternalKey(internalKey);

var advisor = builder.AddProject(ResourceNames.Advisor, "SnapshotAdvisor")
    .WithReference(advisorDb).WithReference(rabbitmq).WithReference(ghl)
    .WithSharedGhlRateBudget(ghlRateBudget).PresentsInternalKey(internalKey);

var audit = builder.AddProject(ResourceNames.Audit, "AuditService")
    .WithReference(auditDb).WithReference(rabbitmq);

var web = builder.AddProject(ResourceNames.Web, "Web").WithRabbitMqManagement();

// The edge, started last: the only door, it proxies to every backend above.
builder.AddProject(ResourceNames.Gateway, "Gateway")
    .WaitFor(auth).WaitFor(provisioning).WaitFor(advisor).WaitFor(audit).WaitFor(web);

return await builder.Build().RunAsync();
