package warehouse

import (
	"context"
	"database/sql/driver"

	"github.com/duckdb/duckdb-go/v2"
)

// redactUDF is the SQL function redact(VARCHAR) -> VARCHAR (Options.Redact):
// NULL for NULL, as DuckDB's own string functions.
type redactUDF struct{ f func(string) string }

func (u redactUDF) Config() duckdb.ScalarFuncConfig {
	varchar, _ := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{varchar}, ResultTypeInfo: varchar}
}

func (u redactUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		return u.f(values[0].(string)), nil
	}}
}

// registerRedact registers redact in the database's catalog, where every
// connection finds it (the function is the database instance's, not the
// connection's, in DuckDB's C API).
func (db *DB) registerRedact(ctx context.Context, f func(string) string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return duckdb.RegisterScalarUDF(conn, "redact", redactUDF{f})
}
