"""Each resource's wire structs and readers: msgspec fast, the generated parser as reference."""
