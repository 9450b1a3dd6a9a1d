return await WorkflowStudio.Web.Cli.StudioCli.RunAsync(args);
