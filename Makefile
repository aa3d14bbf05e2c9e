# Two commands do everything: `make run` and `make test`. See README.md.
.PHONY: run test lint pot bench help

help:
	@echo "make run    serve the demo database on http://localhost:$${HTTP_PORT:-8069}"
	@echo "make test   fresh test database, then pytest over tests/ (TESTS='-k name' to select)"
	@echo "make lint   pre-commit (ruff, pylint-odoo, OCA checks) on every addon, then the .pot/.po check"
	@echo "make pot    regenerate every addon's .pot, merged into its fr/es/de .po"
	@echo "make bench  benchmark at 1k/10k/50k clients -> bench/results.md (BENCH_ARGS=...)"

run:
	@scripts/dev.sh run

test:
	@scripts/dev.sh test $(TESTS)

lint:
	@scripts/dev.sh lint

pot:
	@scripts/dev.sh pot

bench:
	@scripts/dev.sh bench $(BENCH_ARGS)
