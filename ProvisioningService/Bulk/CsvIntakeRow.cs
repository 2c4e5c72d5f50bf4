using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Bulk;

/// <summary>
/// One data row as an intake. <see cref="Row"/> counts the header as row 1 (as a spreadsheet shows it);
/// <see cref="ColumnOf"/> maps the intake's JSON paths to the CSV columns they came from, so errors name columns.
/// </summary>
internal sealed record CsvIntakeRow(int Row, ProvisionRequest Request, IReadOnlyDictionary<string, string> ColumnOf);
