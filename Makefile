dist:
	./scripts/dist.sh

test:
	go test ./...

.PHONY: dist test
