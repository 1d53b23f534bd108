package main

import (
	"context"
	"fmt"
	"runtime"
)

func runVersion(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "version", "")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "workframe %s (%s)\n", version, runtime.Version())
	return nil
}
