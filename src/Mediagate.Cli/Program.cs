using Mediagate.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await MediagateCli.RunAsync(args, CliHost.FromProcess(), cancel.Token);
