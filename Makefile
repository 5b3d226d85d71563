# Builds the Lambda artifacts of template.yaml for `sam build` (BuildMethod: makefile).
#
# SAM copies the CodeUri (the repository root) into a scratch directory and runs
#     make build-<LogicalId> ARTIFACTS_DIR=<dir>
# there, so every target builds from the root of that copy with Maven and copies thin
# jars into ARTIFACTS_DIR:
#   build-CommonLayer     -> $(ARTIFACTS_DIR)/java/lib/*.jar  (meridian-common + its runtime dependencies)
#   build-<Function>      -> $(ARTIFACTS_DIR)/lib/meridian-<service>.jar  (the module's own classes only)
# Lambda puts /opt/java/lib/* (layers) and /var/task/lib/* (function) on the class path.
#
# Jar names: the parent pom sets <finalName>${project.artifactId}</finalName>, so module
# functions/<service> (artifactId meridian-<service>) builds functions/<service>/target/meridian-<service>.jar.
#
# Offline build: make build-CommonLayer MVN_FLAGS="-B -q -o"
# Check all targets the way SAM calls them: infra/sam/check-sam-build.sh

MVN ?= mvn
MVN_FLAGS ?= -B -q
MVN_PACKAGE = $(MVN) $(MVN_FLAGS) package -DskipTests
ARTIFACTS_DIR ?= $(CURDIR)/.aws-sam/make

# template logical id -> Maven module (the jar is meridian-<last path element>.jar)
FUNCTIONS := ProductsApiFunction InventoryEventsFunction ReservationSweeperFunction \
             OrdersApiFunction OrderEventsFunction PaymentEventsFunction OutboxPublisherFunction
MODULE_ProductsApiFunction        := functions/inventory
MODULE_InventoryEventsFunction    := functions/inventory
MODULE_ReservationSweeperFunction := functions/inventory
MODULE_OrdersApiFunction          := functions/orders
MODULE_OrderEventsFunction        := functions/orders
MODULE_PaymentEventsFunction      := functions/payments
MODULE_OutboxPublisherFunction    := functions/outbox
LAYER_MODULE := layers/common

.PHONY: help build-CommonLayer $(addprefix build-,$(FUNCTIONS)) print-functions $(addprefix print-module-,$(FUNCTIONS)) lint

help:
	@echo "targets (run by sam build with ARTIFACTS_DIR set):"
	@echo "  build-CommonLayer"
	@for f in $(FUNCTIONS); do echo "  build-$$f"; done
	@echo "  lint                      cfn-lint template.yaml"

build-CommonLayer:
	@test -f $(LAYER_MODULE)/pom.xml || { echo "error: $(LAYER_MODULE)/pom.xml not found (run make from the repository root)" >&2; exit 1; }
	rm -rf $(LAYER_MODULE)/target/layer-lib
	$(MVN_PACKAGE) -pl $(LAYER_MODULE) -am -Player
	rm -rf "$(ARTIFACTS_DIR)/java"
	mkdir -p "$(ARTIFACTS_DIR)/java/lib"
	cp $(LAYER_MODULE)/target/meridian-common.jar "$(ARTIFACTS_DIR)/java/lib/"
	cp $(LAYER_MODULE)/target/layer-lib/*.jar "$(ARTIFACTS_DIR)/java/lib/"

$(addprefix build-,$(FUNCTIONS)): build-%:
	@test -f $(MODULE_$*)/pom.xml || { echo "error: module $(MODULE_$*) of $* not found ($(MODULE_$*)/pom.xml missing)" >&2; exit 1; }
	$(MVN_PACKAGE) -pl $(MODULE_$*) -am
	rm -rf "$(ARTIFACTS_DIR)/lib"
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(MODULE_$*)/target/meridian-$(notdir $(MODULE_$*)).jar "$(ARTIFACTS_DIR)/lib/"

# used by infra/sam/check-sam-build.sh
print-functions:
	@echo $(FUNCTIONS)

$(addprefix print-module-,$(FUNCTIONS)): print-module-%:
	@echo $(MODULE_$*)

lint:
	cfn-lint template.yaml
