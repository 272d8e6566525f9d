// bpmn-moddle 10 ships its types under a "./types" export the package entry does not point at;
// the tests need only reading XML.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
  }
}
