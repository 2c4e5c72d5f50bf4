using Provisioner.Bench.AdvisorEval;

return EvalCommand.Create().Parse(args).Invoke();
