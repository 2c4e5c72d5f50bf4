namespace Provisioner.GhlSandbox.Model;

public sealed class CustomValueRecord
{
    public required string Id { get; set; }
    public required string LocationId { get; set; }
    public required string Name { get; set; }
    public required string FieldKey { get; set; }
    public required string Value { get; set; }
}
