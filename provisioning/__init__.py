"""MonEspace provisioning: realm as code, dev stack and the `monespace` CLI."""
