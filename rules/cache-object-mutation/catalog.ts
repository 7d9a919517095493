// What cache-object-mutation knows about code it cannot see: functions of other packages that change
// what they are given, getters that hand out an object's own maps, slices or pointers, and which fields
// of API types are maps. Names only; the flow decides whether a cached object reaches them, and a
// callee whose source is on disk is judged by its summary instead, except the mutators named here.

/** How a call into another package changes its argument at `argument`. */
export interface KnownMutator {
  argument: number;
  /** True when it writes through maps, slice elements or pointers, which a shallow copy shares too. */
  deep: boolean;
  map: boolean;
}

/** Functions of other packages (by name, whatever the import) known to change an argument in place. */
const KNOWN_MUTATORS = new Map<string, KnownMutator>([
  ['SetMetaDataAnnotation', { argument: 0, deep: true, map: true }],
  ['SetMetaDataLabel', { argument: 0, deep: true, map: true }],
  ['AddFinalizer', { argument: 0, deep: false, map: false }],
  ['RemoveFinalizer', { argument: 0, deep: false, map: false }],
  ['SetControllerReference', { argument: 1, deep: false, map: false }],
  ['SetOwnerReference', { argument: 1, deep: false, map: false }],
  ['RemoveOwnerReference', { argument: 1, deep: false, map: false }],
  ['RemoveControllerReference', { argument: 1, deep: false, map: false }],
  ['SetStatusCondition', { argument: 0, deep: true, map: false }],
  ['RemoveStatusCondition', { argument: 0, deep: true, map: false }],
  ['UpdatePodCondition', { argument: 0, deep: false, map: false }],
  ['AddOrUpdateTolerationInPod', { argument: 0, deep: false, map: false }],
  ['AddOrUpdateTolerationInPodSpec', { argument: 0, deep: false, map: false }],
  ['SetNewReplicaSetAnnotations', { argument: 1, deep: true, map: true }],
  ['SetNestedField', { argument: 0, deep: true, map: true }],
  ['SetNestedMap', { argument: 0, deep: true, map: true }],
  ['SetNestedStringMap', { argument: 0, deep: true, map: true }],
  ['SetNestedSlice', { argument: 0, deep: true, map: true }],
  ['SetNestedStringSlice', { argument: 0, deep: true, map: true }],
  ['RemoveNestedField', { argument: 0, deep: true, map: true }],
]);

/** True for a function the catalog names as a mutator, which counts whatever its source says. */
export function isNamedMutator(name: string): boolean {
  return KNOWN_MUTATORS.has(name);
}

/** Standard functions that reorder or overwrite the elements of the slice they are given. */
const SLICE_WRITERS = new Map<string, Set<string>>([
  ['sort', new Set(['Slice', 'SliceStable', 'Sort', 'Stable', 'Strings', 'Ints', 'Float64s'])],
  ['slices', new Set(['Sort', 'SortFunc', 'SortStableFunc', 'Reverse'])],
]);

/**
 * How a call of `name` from the package at `importPath` changes an argument, or undefined: a known
 * mutator, a standard sort of a slice, or any `SetXxx` or `MergeXxx` outside the standard library,
 * which by convention changes its first argument (when that is an object, not a map it merges from).
 */
export function externalMutator(importPath: string, name: string): KnownMutator | undefined {
  const standard = !importPath.split('/')[0]!.includes('.');
  if (standard) return SLICE_WRITERS.get(importPath)?.has(name) ? { argument: 0, deep: true, map: false } : undefined;
  return KNOWN_MUTATORS.get(name) ?? (/^(Set|Merge)[A-Z]/.test(name) ? { argument: 0, deep: false, map: false } : undefined);
}

/** `GetPodCondition(&pod.Status, ...)`, `GetNodeCondition(...)`: a pointer into the status they are given. */
export const CONDITION_GETTER = /^Get\w*Condition$/;

/**
 * Methods of API types (in other packages) that change their receiver: metav1 setters (`SetLabels`),
 * defaulting (`SetDefaults`, `Default`), and the condition managers of generated status types
 * (`Status.MarkReady()`, `Status.InitializeConditions()`, `Status.PropagateFrom(...)`).
 */
export const MUTATING_METHOD = /^(Set|Mark|Initialize|Propagate)[A-Z]|^Default$/;

/** Methods of API objects that hand out their own maps and slices, with the field they come from. */
export const SHARED_GETTERS = new Map<string, string>([
  ['GetLabels', 'Labels'],
  ['GetAnnotations', 'Annotations'],
  ['GetFinalizers', 'Finalizers'],
  ['GetOwnerReferences', 'OwnerReferences'],
  ['GetManagedFields', 'ManagedFields'],
  ['UnstructuredContent', 'Object'],
]);

/** Methods of API objects that return a pointer into the object. */
export const POINTER_GETTERS = new Set(['GetObjectMeta', 'GetObjectKind']);

/** Calls whose result is a new value the caller owns. */
export const CLEAN_CALLS = /^(DeepCopy\w*|Copy|Clone)$/;

/** Fields of API types that are maps (an index write on them is a map write). */
export const MAP_FIELDS = new Set([
  'Labels', 'Annotations', 'Data', 'BinaryData', 'StringData', 'NodeSelector', 'Selector', 'MatchLabels', 'Limits',
  'Requests', 'Capacity', 'Allocatable', 'Object', 'Parameters',
]);

/** ObjectMeta fields promoted into every API object, which a copied ObjectMeta shares by reference. */
export const SHARED_META_FIELDS = ['Labels', 'Annotations', 'Finalizers', 'OwnerReferences', 'ManagedFields'];

export const BASIC_TYPES = new Set([
  'bool', 'string', 'error', 'byte', 'rune', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16',
  'uint32', 'uint64', 'uintptr', 'float32', 'float64', 'complex64', 'complex128',
]);
