using Spectre.Console;

namespace Provisioner.AppHost.Output;

/// <summary>The resource / state / URL table, the same in live and plain output.</summary>
public static class StatusTable
{
    public static Table Build(IReadOnlyList<ResourceStatus> rows)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Resource").AddColumn("Type").AddColumn("State").AddColumn("URL").AddColumn("PID").AddColumn("Restarts");
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Name),
                Markup.Escape(row.Kind),
                $"[{Colour(row.State)}]{row.State}{(row.Detail is null ? "" : Markup.Escape($" ({row.Detail})"))}[/]",
                Markup.Escape(row.Url ?? ""),
                row.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                row.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static string Colour(ResourceState state) => state switch
    {
        ResourceState.Healthy or ResourceState.Running => "green",
        ResourceState.Degraded or ResourceState.Starting or ResourceState.Waiting => "yellow",
        ResourceState.Unhealthy or ResourceState.Failed or ResourceState.Restarting => "red",
        _ => "grey",
    };
}
