// Command nats-server runs a current NATS server release, built from the Go module proxy
// (the machine's Debian nats-server is 2.9). It accepts nats-server's own command-line
// flags, so tools/local-infra can pass -js, -sd, -p and a config file as usual.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/nats-io/nats-server/v2/server"
)

func main() {
	flags := flag.NewFlagSet("nats-server", flag.ExitOnError)
	opts, err := server.ConfigureOptions(flags, os.Args[1:],
		server.PrintServerAndExit, flags.Usage, server.PrintTLSHelpAndDie)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nats-server:", err)
		os.Exit(1)
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nats-server:", err)
		os.Exit(1)
	}
	srv.ConfigureLogger()
	if err := server.Run(srv); err != nil {
		fmt.Fprintln(os.Stderr, "nats-server:", err)
		os.Exit(1)
	}
	srv.WaitForShutdown()
}
