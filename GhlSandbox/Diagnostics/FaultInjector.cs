namespace Provisioner.GhlSandbox.Diagnostics;

/// <summary>The active fault rules. The first matching rule applies; a rule with a count is removed when spent.</summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<ActiveRule> rules = [];

    public void Add(FaultRule rule)
    {
        lock (gate)
        {
            rules.Add(new ActiveRule(rule, rule.Count));
        }
    }

    public IReadOnlyList<FaultRule> List()
    {
        lock (gate)
        {
            return [.. rules.Select(r => r.Rule with { Count = r.Remaining })];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>The rule that applies to this request, if any, and whether it turns it into a failure.</summary>
    public FaultDecision? Decide(string method, string path)
    {
        lock (gate)
        {
            var active = rules.FirstOrDefault(r => r.Rule.Matches(method, path));
            if (active is null)
            {
                return null;
            }

            if (active.Remaining is not null && --active.Remaining <= 0)
            {
                rules.Remove(active);
            }

            var fails = (active.Rule.Status is not null || active.Rule.Timeout) && Random.Shared.NextDouble() < active.Rule.Rate;
            return new FaultDecision(active.Rule, fails);
        }
    }

    private sealed class ActiveRule(FaultRule rule, int? remaining)
    {
        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; } = remaining;
    }
}

public sealed record FaultDecision(FaultRule Rule, bool Fails);
