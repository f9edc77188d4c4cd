package dev.atrium.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The benchmark runner: {@code ./atrium bench <name> [options]}. Each benchmark is a picocli
 * subcommand; to add one, write a {@code @Command} class and list it in {@code subcommands}.
 */
@Command(
    name = "atrium-bench",
    mixinStandardHelpOptions = true,
    description =
        "Atrium benchmarks. Run `./atrium bench <name> --help` for a benchmark's options.",
    subcommands = {
      StartupBench.class,
      ThroughputBench.class,
      FanoutBench.class,
      ConnectionsBench.class,
      ConnectionsWorker.class,
      TransfersBench.class,
      WalletApiBench.class,
      SepaImportBench.class,
      CommandLine.HelpCommand.class,
    })
public final class BenchMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  /** Without a benchmark name: show what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
