using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Contracts.Provisioning;
using Provisioner.Messaging.Saga;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Jobs;
using Provisioner.ProvisioningService.Saga;
using Provisioner.ProvisioningService.Steps;
using Provisioner.TestSupport;

namespace Provisioner.ProvisioningService.Tests.Saga;

/// <summary>
/// The provisioning state machine on MassTransit's test harness (in-memory transport and delayed scheduler) with the
/// real PostgreSQL saga repository and job tables, scripted steps, a recording compensator and a fake advisor.
/// </summary>
internal sealed class SagaHarness : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly ServiceProvider provider;

    private SagaHarness(TestDatabase database, ServiceProvider provider, SagaScript steps)
    {
        this.database = database;
        this.provider = provider;
        Steps = steps;
    }

    /// <summary>What each scripted step does per run, and every run so far.</summary>
    public SagaScript Steps { get; }

    public RecordingCompensator Compensator => provider.GetRequiredService<RecordingCompensator>();

    public AdvisorBehaviour Advisor => provider.GetRequiredService<AdvisorBehaviour>();

    public ITestHarness Bus => provider.GetRequiredService<ITestHarness>();

    /// <summary>Sent and published messages in the order they left.</summary>
    public OutgoingOrder Outgoing { get; } = new();

    public static async Task<SagaHarness> StartAsync(Action<JobRunOptions>? configure = null)
    {
        var database = await TestDatabase.CreateAsync("prov_saga");
        var script = new SagaScript();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddDbContext<ProvisioningDbContext>(o => o.UseNpgsql(database.ConnectionString))
            .AddSingleton(script)
            .AddSingleton<RecordingCompensator>()
            .AddSingleton<IJobCompensator>(sp => sp.GetRequiredService<RecordingCompensator>())
            .AddSingleton<AdvisorBehaviour>()
            .AddScoped<JobRecorder>()
            .AddScoped<JobAdmissions>()
            .AddScoped<JobRunner>()
            .AddScoped<JobCancellation>();
        foreach (var step in ProvisioningSteps.All.Where(s => s != ProvisioningSteps.ChooseSnapshot))
        {
            services.AddSingleton<IProvisioningStep>(new ScriptedStep(step, script));
        }

        services.AddSingleton<StepCatalog>();
        services.Configure<StepOptions>(o => o.SnapshotPollInterval = TimeSpan.FromMilliseconds(100));
        services.Configure<JobRunOptions>(o =>
        {
            o.MaxAttempts = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
            o.AdvisorTimeout = TimeSpan.FromSeconds(1);
            o.MaxConcurrentJobsPerAgency = 2;
            configure?.Invoke(o);
        });
        services.AddMassTransitTestHarness(x =>
        {
            x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(10));
            x.SetSagaRepositoryProvider(new PgSagaRepositoryRegistrationProvider<ProvisioningDbContext>());
            // As AddMessaging does: racing inserts of one instance end in a PK violation that a retry resolves; and
            // outgoing messages leave only after the consume (and its saga transaction) completed, as the service's
            // consumer outbox guarantees.
            x.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
                endpoint.UseInMemoryOutbox(context);
            });
            x.AddSagaStateMachine<ProvisioningStateMachine, ProvisioningState>();
            x.AddConsumer<FakeAdvisor>();
            x.AddDelayedMessageScheduler();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                cfg.ConfigureEndpoints(context);
            });
        });
        var provider = services.BuildServiceProvider(true);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProvisioningDbContext>().Database.MigrateAsync();
        }

        var harness = new SagaHarness(database, provider, script);
        harness.Bus.Bus.ConnectSendObserver(harness.Outgoing);
        harness.Bus.Bus.ConnectPublishObserver(harness.Outgoing);
        await harness.Bus.Start();
        return harness;
    }

    /// <summary>
    /// Stores a job as the API does (row, steps, Queued event) and then publishes ProvisioningRequested — after the commit,
    /// as the bus outbox guarantees in the service (the harness bus would otherwise publish before the row exists).
    /// </summary>
    public async Task<Guid> SubmitAsync(string agency, string? snapshotId = "snap-requested", bool publishRequest = true)
    {
        var intake = new ValidatedIntake(
            new IntakeBusiness("Acme Plumbing", "owner@acme.test", "+13127445000", null, null, "Chicago", "IL", "60601", "US",
                "America/Chicago", "Plumbing", "Pipes."),
            snapshotId,
            new SortedDictionary<string, string> { ["Booking Link"] = "https://acme.test/book" },
            [new IntakeUser("Ann", "Lee", "ann@acme.test", null, "admin")]);
        var json = IntakeHash.Serialize(intake);
        var now = DateTimeOffset.UtcNow;
        var job = new ProvisioningJob
        {
            Id = NewId.NextGuid(),
            AgencyId = agency,
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            RequestHash = IntakeHash.Of(json),
            Intake = json,
            BusinessName = intake.Business.Name,
            BusinessEmail = intake.Business.Email,
            Status = JobStatus.Queued,
            SnapshotId = snapshotId,
            CreatedBy = "user:test",
            CreatedAt = now,
            UpdatedAt = now,
            Steps = [.. ProvisioningSteps.All.Select((name, i) => new JobStep { Name = name, Ordinal = i, Status = StepStatus.Pending })],
        };
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProvisioningDbContext>();
            db.Jobs.Add(job);
            db.JobEvents.Add(new JobEvent { JobId = job.Id, AgencyId = agency, Type = "Queued", Data = "{}", OccurredAt = now });
            await db.SaveChangesAsync();
        }

        if (publishRequest)
        {
            await Bus.Bus.Publish(new ProvisioningRequested(job.Id, agency, intake.Business.Name, snapshotId, "user:test", now));
        }

        return job.Id;
    }

    public async Task SendAsync<T>(T message)
        where T : class => await Bus.Bus.Publish(message);

    public async Task<ProvisioningJob> JobAsync(Guid jobId)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvisioningDbContext>();
        return await db.Jobs.AsNoTracking().Include(j => j.Steps).SingleAsync(j => j.Id == jobId);
    }

    public async Task<List<JobEvent>> EventsAsync(Guid jobId)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvisioningDbContext>();
        return await db.JobEvents.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Id).ToListAsync();
    }

    public async Task<ProvisioningJob> WaitForStatusAsync(Guid jobId, JobStatus status, int seconds = 60)
    {
        try
        {
            return await Eventually.GetAsync(() => JobAsync(jobId), j => j.Status == status, TimeSpan.FromSeconds(seconds), $"job {jobId} to be {status}");
        }
        catch (TimeoutException timeout)
        {
            var job = await JobAsync(jobId);
            var events = string.Join(", ", (await EventsAsync(jobId)).Select(e => e.Type));
            throw new TimeoutException($"{timeout.Message} Status {job.Status}, error '{job.Error}', events: {events}", timeout);
        }
    }

    public async Task SetAgencyAsync(string agency, string? defaultSnapshot, int? maxConcurrent)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvisioningDbContext>();
        db.AgencySettings.Add(new AgencySettings
        {
            AgencyId = agency, DefaultSnapshotId = defaultSnapshot, MaxConcurrentJobs = maxConcurrent, UpdatedBy = "test", UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.Stop();
        await provider.DisposeAsync();
        await database.DisposeAsync();
    }
}
