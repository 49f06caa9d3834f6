// The dynamic-provider object that Pulumi serializes into the state of every resource.
// It holds nothing but the implementation's module name: each method requires the package's
// compiled implementation by package name when called, so
//   - the serialized text stays small (measured by test/e2e/probe.e2e.test.ts),
//   - every resource of a provider process shares one module state (sessions, locks),
//   - delete and refresh run today's implementation, not code frozen in old state.
import * as pulumi from "@pulumi/pulumi";

/** The package name consumers depend on; the provider process resolves it from the project directory. */
export const PACKAGE_NAME = "pulumi-clusterpro";

export function lazyProvider(kind: string): pulumi.dynamic.ResourceProvider {
  const implementation = `${PACKAGE_NAME}/dist/provider/resources/${kind}`;
  return {
    async check(olds, news) { return require(implementation).check(olds, news); },
    async diff(id, olds, news) { return require(implementation).diff(id, olds, news); },
    async create(inputs) { return require(implementation).create(inputs); },
    async read(id, props) { return require(implementation).read(id, props); },
    async update(id, olds, news) { return require(implementation).update(id, olds, news); },
    async delete(id, props) { return require(implementation).delete(id, props); },
  };
}
