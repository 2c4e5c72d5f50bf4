using Provisioner.AuthService.Sessions;

namespace Provisioner.AuthService.Apis;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth");

        api.MapGet("/connect", ConnectHandlers.StartAsync);
        api.MapGet("/callback", ConnectHandlers.CallbackAsync);
        api.MapPost("/disconnect", ConnectHandlers.DisconnectAsync).RequireAuthorization(Policies.Admin);
        api.MapPost("/logout", SessionHandlers.Logout);

        api.MapGet("/me", SessionHandlers.MeAsync).RequireAuthorization(Policies.Viewer);
        api.MapPost("/token", SessionHandlers.TokenAsync).RequireAuthorization(Policies.Viewer);
        api.MapGet("/.well-known/jwks.json", SessionHandlers.JwksAsync);

        api.MapGet("/users", UserHandlers.ListAsync).RequireAuthorization(Policies.Viewer);
        api.MapPut("/users/{id:guid}/role", UserHandlers.ChangeRoleAsync).RequireAuthorization(Policies.Admin);

        api.MapPost("/api-keys", ApiKeyHandlers.CreateAsync).RequireAuthorization(Policies.Viewer);
        api.MapGet("/api-keys", ApiKeyHandlers.ListAsync).RequireAuthorization(Policies.Viewer);
        api.MapDelete("/api-keys/{id:guid}", ApiKeyHandlers.RevokeAsync).RequireAuthorization(Policies.Viewer);

        api.MapPost("/webhooks/ghl", WebhookHandlers.ReceiveAsync);
        api.MapOperationsEndpoints();
        return app;
    }
}
