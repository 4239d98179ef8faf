// Package warehouse owns the one DuckDB connection of the pipeline and the
// schema it holds.
//
// A warehouse is a single DuckDB file (default complaints.duckdb). Open
// applies the embedded, numbered migrations in migrations/ in order, each in
// its own transaction, recording them in schema_migrations; a file written by
// a newer build (a migration version this build does not know) is refused.
// Every other package reaches DuckDB through a *DB, taking only the small
// interface it needs.
//
// Open refuses, with an error naming the file, a warehouse held by another
// writing process (ErrInUse), written by a newer build (ErrNewer), or
// damaged (ErrDamaged: not a DuckDB file, or shorter than its own block
// count says). Damage inside a data block shows only when a query reads
// it; IsDamaged recognises that error too.
//
// After a crash, Open (for writing) removes the rows a large commit cut
// short left behind, which DuckDB's replay of its log keeps (interrupted.go),
// and names them in DB.Repaired; a read-only Open refuses such a warehouse
// (ErrInterrupted).
package warehouse
