namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

/// <summary>A small agency library with a clear niche per snapshot and a generic starter.</summary>
internal static class Libraries
{
    public static readonly SeedSnapshot Dental = new("snap-dental", "Dental Practice Growth", "Appointment reminders and recall campaigns for dentists", ["dental", "dentist"]);
    public static readonly SeedSnapshot Hvac = new("snap-hvac", "HVAC Pro", "Furnace and air conditioning repair lead capture", ["hvac", "home services"]);
    public static readonly SeedSnapshot Starter = new("snap-starter", "Generic Local Business Starter", "A catch-all starter for any business", ["generic"]);

    public static SeedSnapshot[] Standard => [Dental, Hvac, Starter];
}
