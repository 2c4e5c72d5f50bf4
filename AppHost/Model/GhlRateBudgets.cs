namespace Provisioner.AppHost.Model;

/// <summary>
/// GhlClient's shared rate budget: GHL limits requests per app and resource, and every service calling GHL spends the
/// same limits, so they book their requests in one PostgreSQL database instead of each pacing alone
/// (GhlClient/README.md, "Several instances").
/// </summary>
public static class GhlRateBudgets
{
    public const string KindVariable = "GhlClientOptions__RateBudget";
    public const string SharedKind = "Postgres";

    /// <summary>The project paces its GHL calls with the budget kept in <paramref name="database"/>.</summary>
    public static ProjectResource WithSharedGhlRateBudget(this ProjectResource project, DatabaseResource database) =>
        project.WithReference(database).WithEnvironment(KindVariable, SharedKind);
}
