using System.Text.Json.Nodes;

namespace Provisioner.GhlSandbox.Webhooks;

/// <summary>Payloads shaped as docs/webhooks/AppInstall.md, AppUninstall.md and LocationCreate.md.</summary>
public static class WebhookEvents
{
    public static JsonObject Install(string appId, string companyId, string userId, string companyName) => new()
    {
        ["type"] = "INSTALL",
        ["appId"] = appId,
        ["companyId"] = companyId,
        ["userId"] = userId,
        ["installType"] = "Company",
        ["isWhitelabelCompany"] = false,
        ["whitelabelDetails"] = new JsonObject(),
        ["companyName"] = companyName,
    };

    public static JsonObject Uninstall(string appId, string companyId) => new()
    {
        ["type"] = "UNINSTALL",
        ["appId"] = appId,
        ["companyId"] = companyId,
    };

    /// <summary>The doc's LocationCreate has no appId; it is added so receivers that filter on appId (the SDK does) keep it.</summary>
    public static JsonObject LocationCreate(string appId, string locationId, string companyId, string name, string? email)
    {
        var payload = new JsonObject
        {
            ["type"] = "LocationCreate",
            ["appId"] = appId,
            ["id"] = locationId,
            ["companyId"] = companyId,
            ["name"] = name,
        };
        if (email is not null)
        {
            payload["email"] = email;
        }

        return payload;
    }
}
