// Package ingest loads complaint, survey and customer exports into the
// warehouse, reconciling every record.
//
// A file is read by DuckDB itself (read_csv, read_json_objects,
// read_parquet; XLSX is converted to CSV first) as text columns, one row per
// record, converted and checked in SQL: straight into its table when none
// of its keys can be there yet (a first load), else into a staging table
// that is then reconciled with the warehouse. A Mapping then turns source columns into the
// canonical fields of DESIGN.md: it names the source column of each field,
// date layouts, value maps (Solved -> closed), score scales and constants;
// every source column without a canonical home is kept in the extra JSON.
// Built-in mappings (profiles) cover the canonical layout and the CFPB
// exports; any other file needs a mapping file.
//
// Every record read ends in exactly one of four counts, so that
//
//	rows_read = rows_loaded + rows_updated + rows_duplicate + rows_rejected
//
// loaded (a new key), updated (a known key with changed content: the last
// record wins), duplicate (identical content to what the key already holds)
// or rejected (into the rejects table with the raw record and a reason naming
// the record number and field). A record a mapping reads as a reply to a
// complaint (Mapping.Replies: a support thread's company messages) is
// updated when it sets that complaint's first response, duplicate when it
// leaves it as it was, or rejected saying why it answers none. A customer's
// later message in a thread (Replies.FollowUps) is part of the complaint the
// thread began with: updated with it, or duplicate when it is. A file is
// ingested in one transaction: it commits whole or not at all.
package ingest
