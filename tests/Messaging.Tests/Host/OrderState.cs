using MassTransit;

namespace Provisioner.Messaging.Tests.Host;

public sealed class OrderState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Total { get; set; }

    public int Version { get; set; }

    public Guid? TimeoutTokenId { get; set; }
}
