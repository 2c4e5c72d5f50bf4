using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Model;
using Provisioner.GhlSandbox.Options;
using Provisioner.GhlSandbox.State;
using Provisioner.GhlSandbox.Webhooks;

namespace Provisioner.GhlSandbox.OAuth;

/// <summary>What an agency's approval does: records the install, issues a code, and sends the INSTALL webhook.</summary>
public sealed class Installations(
    SandboxStore store, TokenStore tokens, WebhookDispatcher webhooks, TimeProvider time, IOptions<GhlSandboxOptions> options)
{
    /// <summary>Approves the app for a company; returns the one-time authorization code, or null for an unknown company.</summary>
    public string? Approve(string companyId, string[] scopes, string redirectUri)
    {
        var now = time.GetUtcNow();
        var installed = store.Write<(CompanyRecord Company, UserRecord Admin)?>(state =>
        {
            var company = state.Companies.FirstOrDefault(c => c.Id == companyId);
            var admin = state.Users.FirstOrDefault(u => u.CompanyId == companyId && u.Type == "agency" && !u.Deleted);
            if (company is null || admin is null)
            {
                return null;
            }

            if (!state.Installations.Any(i => i.CompanyId == companyId))
            {
                state.Installations.Add(new InstallationRecord { CompanyId = companyId, UserId = admin.Id, InstalledAt = now });
            }

            return (company, admin);
        });
        if (installed is not { } found)
        {
            return null;
        }

        webhooks.Enqueue(WebhookEvents.Install(options.Value.AppId, companyId, found.Admin.Id, found.Company.Name));
        return tokens.IssueCode(companyId, found.Admin.Id, scopes, redirectUri);
    }

    /// <summary>Removes the install, revokes its tokens and sends UNINSTALL; false when it was not installed.</summary>
    public bool Uninstall(string companyId)
    {
        var removed = store.Write(state => state.Installations.RemoveAll(i => i.CompanyId == companyId) > 0);
        if (removed)
        {
            tokens.Revoke(companyId);
            webhooks.Enqueue(WebhookEvents.Uninstall(options.Value.AppId, companyId));
        }

        return removed;
    }
}
