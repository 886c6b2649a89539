"""One module per resource: its endpoints, and its public calls for both clients."""
