"""The public value classes, one module per resource."""
