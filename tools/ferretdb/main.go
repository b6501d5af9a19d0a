// Command ferretdb runs FerretDB 1.24 embedded, so that local runs and tests get a
// MongoDB-compatible server on machines without mongod. `go install` of FerretDB's own
// cmd panics because its version.txt is not part of the module; embedding the public
// `ferretdb` package avoids that and keeps telemetry off.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27117", "TCP address to listen on")
	handler := flag.String("handler", "sqlite", "backend: sqlite or postgresql")
	dataDir := flag.String("sqlite-dir", "./.data/ferretdb", "directory for the SQLite backend")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql backend")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	if err := run(*listen, *handler, *dataDir, *pgURL, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, handler, dataDir, pgURL, logLevel string) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("invalid --log-level %q: %w", logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: listen},
		Logger:        logger,
		Handler:       handler,
		PostgreSQLURL: pgURL,
	}
	if handler == "sqlite" {
		abs, err := filepath.Abs(dataDir)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(abs, 0o755); err != nil {
			return err
		}
		// FerretDB wants a directory URI that ends with a slash.
		config.SQLiteURL = "file:" + abs + "/"
	}

	server, err := ferretdb.New(config)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	logger.Warn("ferretdb listening", "addr", listen, "handler", handler, "uri", server.MongoDBURI())
	if err := server.Run(ctx); err != nil && ctx.Err() == nil {
		return err
	}
	return nil
}
