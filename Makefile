# Build targets for `sam build` (template.yaml: Metadata BuildMethod makefile). sam runs
# `make build-<LogicalId>` with ARTIFACTS_DIR set; each target packages one function module the way the
# Lambda Java runtime loads it: classes at the root of the artifact, runtime jars under lib/.
#
# sam's own Maven workflow copies only CodeUri to a scratch folder, losing the parent pom and the shared
# module; here the Maven reactor builds the module together with what it depends on.

# Every target runs the reactor on the same shared/ and tools/ folders: build with plain `sam build`, not
# `--parallel`. `sam build --cached` hashes only CodeUri, so it would miss a change in shared/.

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
MVN := $(ROOT)/mvnw -B -q -f $(ROOT)/pom.xml
CLASSPATH_FILE := target/lambda-runtime-classpath.txt

# $(1): the function's module folder. Tests are neither compiled nor run: this is packaging only
# (./mvnw verify runs them). The module's package phase lays out target/lambda/ (root pom, lambda-artifact-*
# executions): its classes at the root, its runtime jars (compile and runtime scope, no test or provided jars)
# under lib/. That folder is the artifact, as bin/invoke and the tests run it. Two jars with the same file name
# would overwrite each other in lib/, so that stops the build.
define package-function
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (run through sam build)" >&2; exit 1; }
	rm -rf $(ROOT)/$(1)/target/lambda
	$(MVN) -pl $(1) -am -Dmaven.test.skip=true \
	  package dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=$(CLASSPATH_FILE)
	@want="$$(tr ':' '\n' < $(ROOT)/$(1)/$(CLASSPATH_FILE) | grep -c .)"; \
	  have="$$(ls $(ROOT)/$(1)/target/lambda/lib | wc -l)"; \
	  if [ "$$want" != "$$have" ]; then echo "jar name clash in lib/: $$want jars, $$have files" >&2; exit 1; fi
	mkdir -p "$(ARTIFACTS_DIR)"
	cp -R $(ROOT)/$(1)/target/lambda/. "$(ARTIFACTS_DIR)/"
endef

.PHONY: build-TagIsolationFunction build-BlueGreenFlipFunction build-AmiParameterUpdaterFunction \
  build-ZendeskArticlePublisherFunction build-ZendeskWebhookFunction build-GlueSetTypeFixerFunction
.PHONY: build-SecurityHubPlaybooksFunction build-TagReleaseFunction build-TagIsolationDriftFunction
.PHONY: build-IamPolicyGuardFunction build-IamPolicyDecisionFunction build-IamPolicyApprovalFunction

build-TagIsolationFunction: ; $(call package-function,functions/tag-isolation)
build-TagReleaseFunction: ; $(call package-function,functions/tag-isolation)
build-TagIsolationDriftFunction: ; $(call package-function,functions/tag-isolation)
build-BlueGreenFlipFunction: ; $(call package-function,functions/blue-green-flip)
build-AmiParameterUpdaterFunction: ; $(call package-function,functions/ami-parameter-updater)
build-ZendeskArticlePublisherFunction: ; $(call package-function,functions/zendesk-article-publisher)
build-ZendeskWebhookFunction: ; $(call package-function,functions/zendesk-article-publisher)
build-GlueSetTypeFixerFunction: ; $(call package-function,functions/glue-set-type-fixer)
build-SecurityHubPlaybooksFunction: ; $(call package-function,functions/securityhub-playbooks)
build-IamPolicyGuardFunction: ; $(call package-function,functions/iam-policy-guard)
build-IamPolicyDecisionFunction: ; $(call package-function,functions/iam-policy-guard)
build-IamPolicyApprovalFunction: ; $(call package-function,functions/iam-policy-guard)
