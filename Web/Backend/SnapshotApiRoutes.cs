using Provisioner.ServiceDefaults;

namespace Provisioner.Web.Backend;

/// <summary>The SnapshotAdvisor calls of <see cref="SnapshotApiClient"/>.</summary>
public static class SnapshotApiRoutes
{
    public static readonly ApiRoute List = new(ResourceNames.Advisor, HttpMethod.Get, "/api/snapshots")
    {
        Response = typeof(SnapshotPage),
        Query = ["q", "tag", "page", "pageSize"],
    };

    public static readonly ApiRoute Get = new(ResourceNames.Advisor, HttpMethod.Get, "/api/snapshots/{id}") { Response = typeof(SnapshotInfo) };

    public static readonly ApiRoute Update = new(ResourceNames.Advisor, HttpMethod.Put, "/api/snapshots/{id}")
    {
        Request = typeof(SnapshotUpdate),
        Response = typeof(SnapshotInfo),
    };

    public static readonly ApiRoute Sync = new(ResourceNames.Advisor, HttpMethod.Post, "/api/snapshots/sync") { Response = typeof(SnapshotSyncResult) };

    public static readonly ApiRoute Recommend = new(ResourceNames.Advisor, HttpMethod.Post, "/api/snapshots/recommend")
    {
        Request = typeof(RecommendBody),
        Response = typeof(AdvisorAdvice),
    };
}
