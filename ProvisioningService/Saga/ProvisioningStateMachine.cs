using MassTransit;
using Microsoft.Extensions.Options;
using Provisioner.Contracts.Advisor;
using Provisioner.Contracts.Provisioning;

namespace Provisioner.ProvisioningService.Saga;

/// <summary>
/// A provisioning job: queued until its agency has a free slot (started by its own request when one is free), then the
/// snapshot choice and the GHL steps one message at a time (the first snapshot poll runs in the consume that created the
/// location), with retries, cancel at step boundaries and compensation.
/// The transitions are here; what each one does is in <see cref="JobRunner"/>.
/// </summary>
public sealed class ProvisioningStateMachine : MassTransitStateMachine<ProvisioningState>
{
    public ProvisioningStateMachine(IOptions<JobRunOptions> options)
    {
        InstanceState(x => x.CurrentState);

        Event(() => Requested, e => e.CorrelateById(m => m.Message.JobId));
        Event(() => Started, e => e.CorrelateById(m => m.Message.JobId));
        Event(() => StepDue, e => { e.CorrelateById(m => m.Message.JobId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => Advised, e => { e.CorrelateById(m => m.Message.JobId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => AdviceFaulted, e => { e.CorrelateById(m => m.Message.Message.JobId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => Retry, e => { e.CorrelateById(m => m.Message.JobId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => Cancel, e => e.CorrelateById(m => m.Message.JobId));

        Schedule(() => AdvisorTimeout, x => x.AdvisorTimeoutTokenId, s =>
        {
            s.Delay = options.Value.AdvisorTimeout;
            s.Received = r => r.CorrelateById(m => m.Message.JobId);
        });

        Initially(
            // A free slot starts the job in this same consume: no StartProvisioning hop to itself.
            When(Requested)
                .Then(c => Runner(c).Initialize(c.Saga, c.Message.AgencyId, c.Message.SnapshotId))
                .IfElseAsync(c => Runner(c).AdmitAsync(c.Saga, c.CancellationToken),
                    admitted => admitted
                        .ThenAsync(c => Runner(c).BeginAsync(c.Saga, c))
                        .IfElse(AsksAdvisor, Advising, Run),
                    queued => queued.TransitionTo(Queued)),
            // The slot can be granted (by another job's admission) before this job's own request is consumed.
            When(Started)
                .Then(c => Runner(c).Initialize(c.Saga, c.Message.AgencyId, null))
                .ThenAsync(c => Runner(c).BeginAsync(c.Saga, c))
                .IfElse(AsksAdvisor, Advising, Run),
            // A cancel can overtake the job's own request message: the job ends cancelled and the request is ignored.
            When(Cancel)
                .Then(c => Runner(c).Initialize(c.Saga, c.Message.AgencyId, null))
                .ThenAsync(c => Finish(c, Cancellation(c).CancelStoppedAsync(c.Saga, c.Message.Actor, c.CancellationToken))));

        During(Queued,
            When(Started)
                .ThenAsync(c => Runner(c).BeginAsync(c.Saga, c))
                .IfElse(AsksAdvisor, Advising, Run),
            When(Cancel).ThenAsync(c => Finish(c, Cancellation(c).CancelStoppedAsync(c.Saga, c.Message.Actor, c.CancellationToken))));

        During(ChoosingSnapshot,
            When(Advised)
                .Unschedule(AdvisorTimeout)
                .ThenAsync(c => Finish(c, Runner(c).ApplyAdviceAsync(c.Saga, c, c.Message, null))),
            When(AdviceFaulted)
                .Unschedule(AdvisorTimeout)
                .ThenAsync(c => Finish(c, Runner(c).ApplyAdviceAsync(c.Saga, c, null, "The advisor failed to answer."))),
            When(AdvisorTimeout.Received)
                .ThenAsync(c => Finish(c, Runner(c).ApplyAdviceAsync(c.Saga, c, null,
                    $"The advisor did not answer within {options.Value.AdvisorTimeout.TotalSeconds:0} s."))),
            When(Cancel)
                .Unschedule(AdvisorTimeout)
                .ThenAsync(c => Finish(c, Cancellation(c).CancelStoppedAsync(c.Saga, c.Message.Actor, c.CancellationToken))));

        During(Running,
            When(StepDue).ThenAsync(c => Finish(c, Runner(c).RunStepAsync(c.Saga, c, c.Message))),
            When(Cancel).ThenAsync(c => Runner(c).RequestCancelAsync(c.Saga, c, c.Message.Actor)));

        During(Failed,
            When(Retry)
                .ThenAsync(c => Runner(c).RetryAsync(c.Saga, c.Message.Actor, c.CancellationToken))
                .TransitionTo(Queued),
            When(Cancel).ThenAsync(c => Finish(c, Cancellation(c).CancelStoppedAsync(c.Saga, c.Message.Actor, c.CancellationToken))));

        // Late or repeated messages change nothing: the API refuses retry/cancel in states that cannot take them.
        DuringAny(
            Ignore(Requested),
            Ignore(Started),
            Ignore(StepDue),
            Ignore(Advised),
            Ignore(AdviceFaulted),
            Ignore(Retry),
            Ignore(Cancel));
    }

    public State Queued { get; private set; } = null!;
    public State ChoosingSnapshot { get; private set; } = null!;
    public State Running { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Succeeded { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;
    public State Compensated { get; private set; } = null!;

    public Event<ProvisioningRequested> Requested { get; private set; } = null!;
    public Event<StartProvisioning> Started { get; private set; } = null!;
    public Event<RunProvisioningStep> StepDue { get; private set; } = null!;
    public Event<SnapshotRecommended> Advised { get; private set; } = null!;
    public Event<Fault<RecommendSnapshot>> AdviceFaulted { get; private set; } = null!;
    public Event<RetryProvisioning> Retry { get; private set; } = null!;
    public Event<CancelProvisioning> Cancel { get; private set; } = null!;
    public Schedule<ProvisioningState, SnapshotAdviceTimedOut> AdvisorTimeout { get; private set; } = null!;

    private static JobRunner Runner(BehaviorContext<ProvisioningState> context) => context.GetServiceOrCreateInstance<JobRunner>();

    private static JobCancellation Cancellation(BehaviorContext<ProvisioningState> context) => context.GetServiceOrCreateInstance<JobCancellation>();

    private static bool AsksAdvisor<T>(BehaviorContext<ProvisioningState, T> context) where T : class =>
        context.Saga.CurrentStep == ProvisioningSteps.ChooseSnapshot && context.Saga.Progress.SnapshotId is null;

    private EventActivityBinder<ProvisioningState, T> Advising<T>(EventActivityBinder<ProvisioningState, T> binder) where T : class =>
        binder.Schedule(AdvisorTimeout, c => new SnapshotAdviceTimedOut(c.Saga.CorrelationId)).TransitionTo(ChoosingSnapshot);

    private EventActivityBinder<ProvisioningState, T> Run<T>(EventActivityBinder<ProvisioningState, T> binder) where T : class =>
        binder.TransitionTo(Running);

    /// <summary>Moves the instance to the state the runner's outcome names.</summary>
    private async Task Finish(BehaviorContext<ProvisioningState> context, Task<RunOutcome> run)
    {
        var target = await run switch
        {
            RunOutcome.Continue => Running,
            RunOutcome.Succeeded => Succeeded,
            RunOutcome.Failed => Failed,
            RunOutcome.Cancelled => Cancelled,
            RunOutcome.Compensated => Compensated,
            _ => null,
        };
        if (target is not null && context.Saga.CurrentState != target.Name)
        {
            await context.TransitionToState(target);
        }
    }
}
