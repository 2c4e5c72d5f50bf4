using System.Net;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Jobs;
using Provisioner.TestSupport;

namespace Provisioner.ProvisioningService.Tests;

public sealed class ProvisionTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    [Fact]
    public async Task Provision_ValidIntake_Returns202WithLocationAndStoresNormalisedJob()
    {
        var agency = Intakes.NewAgency();

        using var response = await host.ClientFor(agency).PostAsync(Intakes.Valid(), Intakes.NewKey());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        var jobId = body.GetProperty("jobId").GetGuid();
        Assert.Equal("Queued", body.GetProperty("status").GetString());
        Assert.Equal($"/api/jobs/{jobId}", response.Headers.Location?.OriginalString);

        await host.WithDbAsync(async db =>
        {
            var job = await db.Jobs.Include(j => j.Steps).SingleAsync(j => j.Id == jobId);
            var intake = IntakeHash.Deserialize(job.Intake);
            Assert.Equal(agency, job.AgencyId);
            Assert.Equal("+13127445000", intake.Business.Phone);
            Assert.Equal("+13127445001", intake.Users[0].Phone);
            Assert.Equal("Welcome to Acme Plumbing, call +13127445000", intake.CustomValues["Greeting"]);
            Assert.Equal(ProvisioningSteps.All, job.Steps.OrderBy(s => s.Ordinal).Select(s => s.Name));
            // The acceptance's own event, once; the job may already be running and adding its step events.
            Assert.Equal(1, await db.JobEvents.CountAsync(e => e.JobId == jobId && e.Type == "Queued"));
        });
    }

    [Fact]
    public async Task Provision_ForeignNumberWithCountryCode_StoredAsE164OfThatCountry()
    {
        var intake = Intakes.Valid();
        intake["business"]!["country"] = "GB";
        intake["business"]!["timezone"] = "Europe/London";
        intake["business"]!["phone"] = "020 7946 0018";
        intake["users"]![0]!["phone"] = "+1 312 744 5001";

        using var response = await host.ClientFor(Intakes.NewAgency()).PostAsync(intake, key: null, dryRun: true);

        var plan = await response.JsonAsync();
        Assert.Equal("+442079460018", plan.GetProperty("business").GetProperty("phone").GetString());
        Assert.Equal("+13127445001", plan.GetProperty("users")[0].GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Provision_SameKeySameBody_ReturnsSameJobOnce()
    {
        var agency = Intakes.NewAgency();
        var key = Intakes.NewKey();
        var client = host.ClientFor(agency);
        var reformatted = Intakes.Valid();
        reformatted["business"]!["phone"] = "+1 312-744-5000"; // the same number, written differently

        using var first = await client.PostAsync(Intakes.Valid(), key);
        using var second = await client.PostAsync(reformatted, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("jobId").GetGuid(), (await second.JsonAsync()).GetProperty("jobId").GetGuid());
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Provision_ConcurrentSameKey_CreatesOneJob()
    {
        var agency = Intakes.NewAgency();
        var key = Intakes.NewKey();
        var client = host.ClientFor(agency);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync(Intakes.Valid(), key)));

        var ids = new HashSet<Guid>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, response.StatusCode.ToString());
            ids.Add((await response.JsonAsync()).GetProperty("jobId").GetGuid());
            response.Dispose();
        }

        Assert.Single(ids);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM job_events WHERE agency_id = $1 AND type = 'Queued'", agency));
    }

    [Fact]
    public async Task Provision_MalformedJson_Returns400Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/provision")
        {
            Content = new StringContent("{\"business\": ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Intakes.NewKey());

        using var response = await host.ClientFor(Intakes.NewAgency()).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Provision_SameKeyDifferentBody_Returns422NamingHeader()
    {
        var agency = Intakes.NewAgency();
        var key = Intakes.NewKey();
        var client = host.ClientFor(agency);

        using var first = await client.PostAsync(Intakes.Valid("Acme One"), key);
        using var second = await client.PostAsync(Intakes.Valid("Acme Two"), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var problem = await second.JsonAsync();
        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Provision_SameKeyTwoAgencies_CreatesTwoJobs()
    {
        var key = Intakes.NewKey();

        using var first = await host.ClientFor(Intakes.NewAgency()).PostAsync(Intakes.Valid(), key);
        using var second = await host.ClientFor(Intakes.NewAgency()).PostAsync(Intakes.Valid("Other"), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
    }

    [Fact]
    public async Task Provision_DryRun_ReturnsPlanAndWritesNothing()
    {
        var agency = Intakes.NewAgency();
        var intake = Intakes.Valid();
        intake["snapshotId"] = null;

        using var response = await host.ClientFor(agency).PostAsync(intake, Intakes.NewKey(), dryRun: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.JsonAsync();
        Assert.True(plan.GetProperty("dryRun").GetBoolean());
        // No advisor runs beside this host and the agency has no default: the plan says the job would fail, and why.
        Assert.Equal("none", plan.GetProperty("snapshot").GetProperty("source").GetString());
        Assert.Contains("did not answer", plan.GetProperty("snapshot").GetProperty("reason").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plan.GetProperty("snapshot").GetProperty("snapshotId").ValueKind);
        Assert.Equal("Welcome to Acme Plumbing, call +13127445000", plan.GetProperty("customValues").GetProperty("Greeting").GetString());
        Assert.Equal(2, plan.GetProperty("users").GetArrayLength());
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM job_events WHERE agency_id = $1", agency));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM messaging.outbox_message WHERE strpos(body, $1) > 0", agency));
    }

    [Fact]
    public async Task Provision_Accepted_PublishesProvisioningRequestedThroughOutbox()
    {
        var agency = Intakes.NewAgency();
        var received = new TaskCompletionSource<ProvisioningRequested>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = host.Services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), null, e => e.Handler<ProvisioningRequested>(context =>
        {
            if (context.Message.AgencyId == agency)
            {
                received.TrySetResult(context.Message);
            }

            return Task.CompletedTask;
        }));
        await handle.Ready;
        try
        {
            using var response = await host.ClientFor(agency).PostAsync(Intakes.Valid(), Intakes.NewKey());
            var jobId = (await response.JsonAsync()).GetProperty("jobId").GetGuid();

            var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(jobId, message.JobId);
            Assert.Equal("Acme Plumbing", message.BusinessName);
            Assert.Equal("snap-plumbing", message.SnapshotId);
            // Delivered means the relay confirmed it and removed the row: nothing of this job is left waiting.
            await Eventually.TrueAsync(
                async () => await host.CountAsync("SELECT count(*) FROM messaging.outbox_message") == 0,
                TimeSpan.FromSeconds(30),
                "the outbox to drain");
        }
        finally
        {
            await handle.StopAsync();
        }
    }
}
