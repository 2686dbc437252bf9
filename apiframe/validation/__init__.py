"""JSON-Schema validation of request bodies, query strings and responses."""
