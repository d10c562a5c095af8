// Checks Oversight's checkpoints and proofs with Go's own verifiers (golang.org/x/mod/sumdb/note
// and .../tlog), unchanged: a log that only Oversight can verify proves nothing to anyone else.
//
// usage: go run verify.go VKEY OLD-CHECKPOINT NEW-CHECKPOINT INCLUSION.json CONSISTENCY.json
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type proof struct {
	LeafIndex int64    `json:"leafIndex"`
	TreeSize  int64    `json:"treeSize"`
	LeafHash  string   `json:"leafHash"`
	From      int64    `json:"from"`
	To        int64    `json:"to"`
	Hashes    []string `json:"hashes"`
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func hash(s string) tlog.Hash {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != tlog.HashSize {
		fail("bad hash %q", s)
	}
	var h tlog.Hash
	copy(h[:], b)
	return h
}

func checkpoint(verifiers note.Verifiers, file string) (int64, tlog.Hash) {
	msg, err := os.ReadFile(file)
	if err != nil {
		fail("%v", err)
	}
	n, err := note.Open(msg, verifiers)
	if err != nil {
		fail("note.Open(%s): %v", file, err)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) != 3 {
		fail("%s: a checkpoint has three lines", file)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("%s: %v", file, err)
	}
	return size, hash(lines[2])
}

func read(file string) proof {
	var p proof
	data, err := os.ReadFile(file)
	if err != nil {
		fail("%v", err)
	}
	if err := json.Unmarshal(data, &p); err != nil {
		fail("%s: %v", file, err)
	}
	return p
}

func hashes(p proof) []tlog.Hash {
	var out []tlog.Hash
	for _, h := range p.Hashes {
		out = append(out, hash(h))
	}
	return out
}

func main() {
	if len(os.Args) != 6 {
		fail("usage: verify VKEY OLD-CHECKPOINT NEW-CHECKPOINT INCLUSION.json CONSISTENCY.json")
	}
	verifier, err := note.NewVerifier(os.Args[1])
	if err != nil {
		fail("note.NewVerifier: %v", err)
	}
	verifiers := note.VerifierList(verifier)
	oldSize, oldRoot := checkpoint(verifiers, os.Args[2])
	newSize, newRoot := checkpoint(verifiers, os.Args[3])

	inclusion := read(os.Args[4])
	if inclusion.TreeSize != newSize {
		fail("the inclusion proof is for size %d, the checkpoint %d", inclusion.TreeSize, newSize)
	}
	if err := tlog.CheckRecord(tlog.RecordProof(hashes(inclusion)), newSize, newRoot, inclusion.LeafIndex, hash(inclusion.LeafHash)); err != nil {
		fail("tlog.CheckRecord: %v", err)
	}

	consistency := read(os.Args[5])
	if consistency.From != oldSize || consistency.To != newSize {
		fail("the consistency proof is for %d..%d, the checkpoints %d..%d", consistency.From, consistency.To, oldSize, newSize)
	}
	if err := tlog.CheckTree(tlog.TreeProof(hashes(consistency)), newSize, newRoot, oldSize, oldRoot); err != nil {
		fail("tlog.CheckTree: %v", err)
	}
	fmt.Printf("ok: %d..%d\n", oldSize, newSize)
}
