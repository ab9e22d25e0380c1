// Reading and writing AssemblyScript objects in the memory of a mapping compiled by graph-cli (AssemblyScript 0.19,
// `--runtime stub --exportRuntime`, the layout graph-node's apiVersion >= 0.0.5 expects).

// Every managed object is preceded by a 20-byte header; the last two words are its runtime type id
// (ptr - 8) and its payload size in bytes (ptr - 4). Layouts used here:
//   String          UTF-16LE code units, size = 2 * length
//   ArrayBuffer     raw bytes
//   Uint8Array etc. { buffer: ArrayBuffer @0, dataStart: usize @4, byteLength: i32 @8 }       (12 bytes)
//   Array<T>        { buffer @0, dataStart @4, byteLength @8, length: i32 @12 }               (16 bytes)
//   class           fields in declaration order, naturally aligned (pointers are 4 bytes)
//   Value / ethereum.Value  { kind: i32 @0, (padding), data: u64 @8 }                           (16 bytes)
// The stub runtime never frees, so objects need no pinning; memory may grow on every `__new`, so views are
// re-created after allocations.

/** graph-ts `TypeId` discriminants (graph-ts/global/global.ts); the module maps them to its class ids. */
export const TypeId = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  BigDecimal: 12,
  ArrayBool: 13,
  ArrayUint8Array: 14,
  ArrayEthereumValue: 15,
  ArrayStoreValue: 16,
  ArrayJsonValue: 17,
  ArrayString: 18,
  ArrayEventParam: 19,
  ArrayTypedMapEntryStringJsonValue: 20,
  ArrayTypedMapEntryStringStoreValue: 21,
  EventParam: 23,
  EthereumTransaction: 24,
  EthereumBlock: 25,
  WrappedBool: 28,
  WrappedJsonValue: 29,
  EthereumValue: 30,
  StoreValue: 31,
  JsonValue: 32,
  EthereumEvent: 33,
  TypedMapEntryStringStoreValue: 34,
  TypedMapEntryStringJsonValue: 35,
  TypedMapStringStoreValue: 36,
  TypedMapStringJsonValue: 37,
  ResultJsonValueBool: 40,
} as const;
export type TypeIdName = keyof typeof TypeId;

export interface AscExports {
  memory: WebAssembly.Memory;
  __new(size: number, id: number): number;
  id_of_type(typeId: number): number;
  _start?: () => void;
  [name: string]: unknown;
}

export class AscMemory {
  readonly exports: AscExports;
  private readonly classIds = new Map<number, number>();
  private buffer: ArrayBuffer | null = null;
  private view: DataView = new DataView(new ArrayBuffer(0));
  private bytes: Uint8Array = new Uint8Array(0);

  constructor(exports: AscExports) {
    this.exports = exports;
  }

  private refresh(): void {
    const buffer = this.exports.memory.buffer as ArrayBuffer;
    if (buffer !== this.buffer) {
      this.buffer = buffer;
      this.view = new DataView(buffer);
      this.bytes = new Uint8Array(buffer);
    }
  }

  get dv(): DataView {
    this.refresh();
    return this.view;
  }

  get u8(): Uint8Array {
    this.refresh();
    return this.bytes;
  }

  /** Runtime class id of a graph-ts type. */
  classId(name: TypeIdName): number {
    const typeId = TypeId[name];
    let id = this.classIds.get(typeId);
    if (id === undefined) {
      id = this.exports.id_of_type(typeId) >>> 0;
      this.classIds.set(typeId, id);
    }
    return id;
  }

  alloc(size: number, classId: number): number {
    return this.exports.__new(size, classId) >>> 0;
  }

  rtId(ptr: number): number {
    return this.dv.getUint32(ptr - 8, true);
  }

  rtSize(ptr: number): number {
    return this.dv.getUint32(ptr - 4, true);
  }

  u32(ptr: number): number {
    return this.dv.getUint32(ptr, true);
  }

  setU32(ptr: number, value: number): void {
    this.dv.setUint32(ptr, value >>> 0, true);
  }

  // ------------------------------------------------------------------------------------------ strings

  readString(ptr: number): string {
    if (ptr === 0) throw new Error("asc: null string pointer");
    const size = this.rtSize(ptr);
    const dv = this.dv;
    let out = "";
    for (let i = 0; i < size; i += 2048) {
      const units: number[] = [];
      for (let j = i; j < Math.min(size, i + 2048); j += 2) units.push(dv.getUint16(ptr + j, true));
      out += String.fromCharCode(...units);
    }
    return out;
  }

  readNullableString(ptr: number): string | null {
    return ptr === 0 ? null : this.readString(ptr);
  }

  newString(s: string): number {
    const ptr = this.alloc(s.length * 2, this.classId("String"));
    const dv = this.dv;
    for (let i = 0; i < s.length; i++) dv.setUint16(ptr + 2 * i, s.charCodeAt(i), true);
    return ptr;
  }

  // ------------------------------------------------------------------------------------ byte arrays

  /** Copies the bytes of a Uint8Array-like view (Bytes, Address, BigInt, ByteArray). */
  readBytes(ptr: number): Uint8Array {
    if (ptr === 0) throw new Error("asc: null bytes pointer");
    const dataStart = this.u32(ptr + 4);
    const length = this.u32(ptr + 8);
    return this.u8.slice(dataStart, dataStart + length);
  }

  newBytes(data: Uint8Array): number {
    const buffer = this.alloc(data.length, this.classId("ArrayBuffer"));
    this.u8.set(data, buffer);
    const view = this.alloc(12, this.classId("Uint8Array"));
    this.setU32(view, buffer);
    this.setU32(view + 4, buffer);
    this.setU32(view + 8, data.length);
    return view;
  }

  // ----------------------------------------------------------------------------------------- arrays

  /** Elements of an Array<T> of references (or of i32/u32 values). */
  readPointerArray(ptr: number): number[] {
    const dataStart = this.u32(ptr + 4);
    const length = this.u32(ptr + 12);
    const out: number[] = [];
    for (let i = 0; i < length; i++) out.push(this.u32(dataStart + 4 * i));
    return out;
  }

  newPointerArray(elements: number[], classId: number): number {
    const byteLength = elements.length * 4;
    const buffer = this.alloc(byteLength, this.classId("ArrayBuffer"));
    for (let i = 0; i < elements.length; i++) this.setU32(buffer + 4 * i, elements[i]);
    const array = this.alloc(16, classId);
    this.setU32(array, buffer);
    this.setU32(array + 4, buffer);
    this.setU32(array + 8, byteLength);
    this.setU32(array + 12, elements.length);
    return array;
  }

  // ---------------------------------------------------------------------------------------- objects

  /** A class instance whose fields are all references (or 32-bit values), in declaration order. */
  newObject(fields: number[], classId: number): number {
    const ptr = this.alloc(fields.length * 4, classId);
    for (let i = 0; i < fields.length; i++) this.setU32(ptr + 4 * i, fields[i]);
    return ptr;
  }

  /** `Value` / `ethereum.Value`: a kind and a 64-bit payload (a pointer or an immediate). */
  newEnum(kind: number, payload: bigint, classId: number): number {
    const ptr = this.alloc(16, classId);
    const dv = this.dv;
    dv.setInt32(ptr, kind, true);
    dv.setBigUint64(ptr + 8, BigInt.asUintN(64, payload), true);
    return ptr;
  }

  readEnum(ptr: number): { kind: number; payload: bigint } {
    const dv = this.dv;
    return { kind: dv.getInt32(ptr, true), payload: dv.getBigUint64(ptr + 8, true) };
  }
}
