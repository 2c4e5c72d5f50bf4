Console.WriteLine("AppHost: not yet wired");
return 1;
