using Mediagate.Credentials;

// Usage:
//   add-keys FILE PREFIX COUNT   adds COUNT unknown top-level keys PREFIX-0..N through locked updates, one update each
//   rewrite-forever FILE         rewrites FILE with a growing document until killed; prints "ready" after the first write
var store = new CredentialFileStore(args[1], TimeSpan.FromSeconds(60));
switch (args[0])
{
    case "add-keys":
        var count = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var name = $"{args[2]}-{i}";
            store.Update(document =>
            {
                document.SetExtra(name, "v");
                return true;
            });
        }
        return 0;
    case "rewrite-forever":
        var round = 0;
        while (true)
        {
            store.Update(document =>
            {
                document.ApiKey = $"sk_V2_round_{round}_" + new string('x', 4096 + round % 4096);
                return true;
            });
            if (round++ == 0)
            {
                Console.WriteLine("ready");
                Console.Out.Flush();
            }
        }
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
