/**
 * netpol-canvas engine: the only entry other layers import. Pure and deterministic: no DOM,
 * no Node APIs, no clock; callers pass files in and get plain data out.
 */
export { analyzeWorkspace, reanalyze, verdictOf, connSetFromJSON, DENY_EDGE_LIMIT } from './analysis';
export { explainConnection, resolvePeer } from './explain/connection';
export type { AnalysisResult, EdgeData, NodeData, Verdict, Session, SessionEvaluation } from './analysis';
export type { ConnectionExplanation } from './explain/connection';
export type { WorkspaceFile } from './parse/documents';
export type { Diagnostic, DiagnosticCode, Severity } from './model/diagnostics';
export { DIAGNOSTIC_CODES } from './model/diagnostics';
export { replacesShownModel } from './lastGood';
export { appendDocument, editObject, findObject, removeObject, unifiedDiff } from './parse/rewrite';
export { planConnect, stableLabels, type ConnectRequest, type FileChange, type PolicyFlavour } from './author/connect';
export type { ObjectAddress, ObjectEdit, Rewrite, RewriteResult, TextChange } from './parse/rewrite';
export { exportWorkspace, type ExportEntry, type ExportOptions, type ExportResult } from './author/export';
export { k8sToCalicoPolicy, toEnforced, toStaged } from './author/convert';
export type { Flow, TraceStep, DirectionDecision } from './evaluate/trace';
/** A policy's identity and kind, and where a piece of a resource is written (trace steps and inspections carry them). */
export type { PolicyId, PolicyKind } from './model/policy';
export type { SourceRange } from './model/source';
export { ASSUMED_SOURCE_PORT } from './evaluate/trace';
export { parseProbe } from './explain/probe';
export { formatStep, formatDirection } from './explain/format';
export { policyDisplayName } from './explain/names';
export { ConnSet, formatConnSet, protocolName } from './net';
export type { ConnSetJSON, Conventions } from './net';
/** Evaluation members (pods, external address blocks) of a session and the allowed connections between any two. */
export { evaluationMembers, type EvaluationMember, type PodMember, type HepMember, type BlockMember, type IngressControllerMember, type MemberEvaluation } from './matrix/members';
/** The node inspector: a node's facts and the policies that apply to it per direction (SPEC §4.3, §4.4). */
export { inspectNode, type NodeInspection, type AppliedPolicy } from './explain/node';
/** The editor's cursor as a question: the policy written at a line, what it selects, its rules' peers (SPEC §4.3, §3.2). */
export { policyFocus, type PolicyFocus, type FocusedRule } from './explain/focus';
/** Workloads shown as their pods (`pod:<ns>/<name>`): pod nodes and every edge touching a pod. */
export { expandWorkloads, type WorkloadExpansion } from './pods';
export { policyBoard, type BoardPolicy, type BoardTier } from './explain/board';
export { planMove, planCreateTier, planRenameTier, planDeleteTier, orderBetween, type PolicyRef } from './author/reorder';
export type { PlanEdit, PlanAnswer, EdgeChange } from './author/plan';
export { planImport, type ImportEntry, type ImportPlan } from './author/import';
export { planStage, planEnforce } from './author/stage';
export { readFlowBytes, groupFlowBytes, groupFlowText, WHOLE_TEXT_MAX, type Utf8Decoder } from './flows/bytes';
export { readFlows, flowLineReader, flowFormat, type FlowLineReader, readCalicoFlows, readGoldmaneFlows, readHubbleFlows, readCsvFlows } from './flows/readers';
export type { FlowRecord, FlowEnd, FlowReadResult, FlowSource, ReadProgress } from './flows/records';
export { countHits, groupFlows, flowGrouper, mergeFlowGroups, resolveEnd, type FlowGroups, type HitReport, type PolicyHits, type RuleHits, type ActionTallies, type Tally, type FlowImpact, type EdgeHits } from './flows/hits';
export type { GraphEnd } from './flows/edges';
export type { HitLens } from './flows/lenses';
