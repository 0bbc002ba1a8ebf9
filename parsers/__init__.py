"""The parse stage: WARC records in, one record per HTML page out."""
