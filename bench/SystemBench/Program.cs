using Provisioner.Bench.SystemBench;
using Provisioner.Bench.SystemBench.Scenarios;

// usage: SystemBench [ratelimit|orchestration|gateway|sse|coldstart ...] — no scenario runs all of them.
// Each prints its detail lines, then one result line "<scenario>: … ratio=X"; exit 0 when every target is met,
// 3 when a target is missed, 1 when a scenario could not run.
string[] known = ["ratelimit", "orchestration", "gateway", "sse", "coldstart"];
var chosen = args.Length == 0 ? known : args.Select(a => a.ToLowerInvariant()).ToArray();
foreach (var name in chosen.Where(n => !known.Contains(n)))
{
    Console.Error.WriteLine($"SystemBench: unknown scenario '{name}' (known: {string.Join(", ", known)})");
    return 2;
}

var exit = 0;
foreach (var name in known.Where(chosen.Contains))
{
    Console.WriteLine($"== {name}");
    try
    {
        var result = name switch
        {
            "gateway" => await new GatewayOverhead(new GatewayOverhead.Options()).RunAsync(),
            "orchestration" => await new OrchestrationOverhead(new OrchestrationOverhead.Options()).RunAsync(),
            "sse" => await new SseFanOut(new SseFanOut.Options()).RunAsync(),
            "coldstart" => await new ColdStart(new ColdStart.Options()).RunAsync(),
            _ => await new RateLimitEfficiency(new RateLimitEfficiency.Options()).RunAsync(),
        };
        Console.WriteLine(result.Line);
        if (!result.MeetsTargets && exit == 0)
        {
            exit = 3;
        }
    }
    catch (Exception error)
    {
        Console.WriteLine($"{name}: failed ({error.GetType().Name}: {error.Message}); ratio=n/a");
        exit = 1;
    }
}

return exit;
