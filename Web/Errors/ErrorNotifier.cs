using MudBlazor;
using Provisioner.Web.Components.Shared;

namespace Provisioner.Web.Errors;

/// <summary>Shows an error as a toast (MudSnackbar) with its ProblemDetails title, detail and field errors.</summary>
public sealed class ErrorNotifier(ISnackbar snackbar)
{
    public async Task ShowAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await ProblemDetailsReader.ReadAsync(response, cancellationToken);
        Show(problem);
    }

    public void Show(ProblemInfo problem) =>
        snackbar.Add<ProblemToast>(
            new Dictionary<string, object> { [nameof(ProblemToast.Problem)] = problem },
            Severity.Error);
}
