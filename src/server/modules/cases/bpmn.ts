import type { GuideContentT } from '../../../common/schemas/catalog.ts';

type Step = GuideContentT['processSteps'][number];

function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

// BPMN ids are XML NCNames: step keys (a-z0-9-) may start with a digit, so prefix them.
const taskId = (s: Step) => `Task_${s.key.replaceAll('-', '_')}`;

/**
 * Export a guide's process as BPMN 2.0 XML: a start event, one user task per step in order (the
 * window's acceptance steps first), each run of steps sharing a parallel group between a diverging
 * and a converging parallel gateway (会签), and an end event. Role, department and days go into
 * the task's documentation; the engine itself runs from the guide, not from this file.
 */
export function toBpmn(processId: string, name: string, steps: Step[]): string {
  const nodes: string[] = [];
  const flows: string[] = [];
  let flowN = 0;
  const flow = (from: string, to: string) => {
    const id = `Flow_${++flowN}`;
    flows.push(`    <bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`);
  };
  const task = (s: Step) => {
    const doc = `角色：${s.role === 'approver' ? '审批人员' : '窗口人员'}；部门：${s.department ?? '实施主体'}；时限：${s.days}个工作日`;
    nodes.push(`    <bpmn:userTask id="${taskId(s)}" name="${esc(s.name)}">\n      <bpmn:documentation>${esc(doc)}</bpmn:documentation>\n    </bpmn:userTask>`);
  };
  nodes.push('    <bpmn:startEvent id="StartEvent_1" name="申请" />');
  let prev = 'StartEvent_1';
  let gatewayN = 0;
  for (let i = 0; i < steps.length; ) {
    const s = steps[i];
    if (!s) break;
    const group: Step[] = [s];
    if (s.parallelGroup) while (steps[i + group.length]?.parallelGroup === s.parallelGroup) group.push(steps[i + group.length] as Step);
    if (group.length === 1) {
      task(s);
      flow(prev, taskId(s));
      prev = taskId(s);
    } else {
      gatewayN++;
      const split = `Gateway_${gatewayN}_split`;
      const join = `Gateway_${gatewayN}_join`;
      nodes.push(`    <bpmn:parallelGateway id="${split}" name="${esc(`会签：${s.parallelGroup ?? ''}`)}" />`);
      nodes.push(`    <bpmn:parallelGateway id="${join}" />`);
      flow(prev, split);
      for (const g of group) {
        task(g);
        flow(split, taskId(g));
        flow(taskId(g), join);
      }
      prev = join;
    }
    i += group.length;
  }
  nodes.push('    <bpmn:endEvent id="EndEvent_1" name="办结" />');
  flow(prev, 'EndEvent_1');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1" targetNamespace="https://tongban.example/bpmn" exporter="Tongban" exporterVersion="1">',
    `  <bpmn:process id="${esc(processId)}" name="${esc(name)}" isExecutable="false">`,
    ...nodes,
    ...flows,
    '  </bpmn:process>',
    '</bpmn:definitions>',
    '',
  ].join('\n');
}
