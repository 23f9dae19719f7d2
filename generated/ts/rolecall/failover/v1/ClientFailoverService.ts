// Original file: protos/rolecall/failover/v1/failover.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddGroupClientSessionRequest as _rolecall_failover_v1_AddGroupClientSessionRequest, AddGroupClientSessionRequest__Output as _rolecall_failover_v1_AddGroupClientSessionRequest__Output } from '../../../rolecall/failover/v1/AddGroupClientSessionRequest';
import type { ClientSession as _rolecall_failover_v1_ClientSession, ClientSession__Output as _rolecall_failover_v1_ClientSession__Output } from '../../../rolecall/failover/v1/ClientSession';
import type { CreateClientSessionRequest as _rolecall_failover_v1_CreateClientSessionRequest, CreateClientSessionRequest__Output as _rolecall_failover_v1_CreateClientSessionRequest__Output } from '../../../rolecall/failover/v1/CreateClientSessionRequest';
import type { CreateGroupRequest as _rolecall_failover_v1_CreateGroupRequest, CreateGroupRequest__Output as _rolecall_failover_v1_CreateGroupRequest__Output } from '../../../rolecall/failover/v1/CreateGroupRequest';
import type { DeleteClientSessionRequest as _rolecall_failover_v1_DeleteClientSessionRequest, DeleteClientSessionRequest__Output as _rolecall_failover_v1_DeleteClientSessionRequest__Output } from '../../../rolecall/failover/v1/DeleteClientSessionRequest';
import type { DeleteClientSessionResponse as _rolecall_failover_v1_DeleteClientSessionResponse, DeleteClientSessionResponse__Output as _rolecall_failover_v1_DeleteClientSessionResponse__Output } from '../../../rolecall/failover/v1/DeleteClientSessionResponse';
import type { DeleteGroupRequest as _rolecall_failover_v1_DeleteGroupRequest, DeleteGroupRequest__Output as _rolecall_failover_v1_DeleteGroupRequest__Output } from '../../../rolecall/failover/v1/DeleteGroupRequest';
import type { FailoverResponse as _rolecall_failover_v1_FailoverResponse, FailoverResponse__Output as _rolecall_failover_v1_FailoverResponse__Output } from '../../../rolecall/failover/v1/FailoverResponse';
import type { GetClientSessionRequest as _rolecall_failover_v1_GetClientSessionRequest, GetClientSessionRequest__Output as _rolecall_failover_v1_GetClientSessionRequest__Output } from '../../../rolecall/failover/v1/GetClientSessionRequest';
import type { GetGroupRequest as _rolecall_failover_v1_GetGroupRequest, GetGroupRequest__Output as _rolecall_failover_v1_GetGroupRequest__Output } from '../../../rolecall/failover/v1/GetGroupRequest';
import type { Group as _rolecall_failover_v1_Group, Group__Output as _rolecall_failover_v1_Group__Output } from '../../../rolecall/failover/v1/Group';
import type { GroupHeartbeatResponse as _rolecall_failover_v1_GroupHeartbeatResponse, GroupHeartbeatResponse__Output as _rolecall_failover_v1_GroupHeartbeatResponse__Output } from '../../../rolecall/failover/v1/GroupHeartbeatResponse';
import type { HeartbeatStreamRequest as _rolecall_failover_v1_HeartbeatStreamRequest, HeartbeatStreamRequest__Output as _rolecall_failover_v1_HeartbeatStreamRequest__Output } from '../../../rolecall/failover/v1/HeartbeatStreamRequest';
import type { HeartbeatStreamResponse as _rolecall_failover_v1_HeartbeatStreamResponse, HeartbeatStreamResponse__Output as _rolecall_failover_v1_HeartbeatStreamResponse__Output } from '../../../rolecall/failover/v1/HeartbeatStreamResponse';
import type { ListClientSessionsRequest as _rolecall_failover_v1_ListClientSessionsRequest, ListClientSessionsRequest__Output as _rolecall_failover_v1_ListClientSessionsRequest__Output } from '../../../rolecall/failover/v1/ListClientSessionsRequest';
import type { ListGroupsRequest as _rolecall_failover_v1_ListGroupsRequest, ListGroupsRequest__Output as _rolecall_failover_v1_ListGroupsRequest__Output } from '../../../rolecall/failover/v1/ListGroupsRequest';
import type { PutClientSessionRequest as _rolecall_failover_v1_PutClientSessionRequest, PutClientSessionRequest__Output as _rolecall_failover_v1_PutClientSessionRequest__Output } from '../../../rolecall/failover/v1/PutClientSessionRequest';
import type { PutGroupRequest as _rolecall_failover_v1_PutGroupRequest, PutGroupRequest__Output as _rolecall_failover_v1_PutGroupRequest__Output } from '../../../rolecall/failover/v1/PutGroupRequest';
import type { RemoveGroupClientSessionRequest as _rolecall_failover_v1_RemoveGroupClientSessionRequest, RemoveGroupClientSessionRequest__Output as _rolecall_failover_v1_RemoveGroupClientSessionRequest__Output } from '../../../rolecall/failover/v1/RemoveGroupClientSessionRequest';
import type { SendGroupHeartbeatRequest as _rolecall_failover_v1_SendGroupHeartbeatRequest, SendGroupHeartbeatRequest__Output as _rolecall_failover_v1_SendGroupHeartbeatRequest__Output } from '../../../rolecall/failover/v1/SendGroupHeartbeatRequest';
import type { SendHeartbeatRequest as _rolecall_failover_v1_SendHeartbeatRequest, SendHeartbeatRequest__Output as _rolecall_failover_v1_SendHeartbeatRequest__Output } from '../../../rolecall/failover/v1/SendHeartbeatRequest';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from '../../../google/protobuf/StringValue';
import type { WatchGroupRequest as _rolecall_failover_v1_WatchGroupRequest, WatchGroupRequest__Output as _rolecall_failover_v1_WatchGroupRequest__Output } from '../../../rolecall/failover/v1/WatchGroupRequest';
import type { WatchGroupResponse as _rolecall_failover_v1_WatchGroupResponse, WatchGroupResponse__Output as _rolecall_failover_v1_WatchGroupResponse__Output } from '../../../rolecall/failover/v1/WatchGroupResponse';

/**
 * ClientFailoverService keeps failover groups and their client sessions, and decides which
 * client of each group is Primary. It serves two documented REST APIs over the same objects:
 * the v1 group API and the v1-preview client session API. A group and its client sessions are
 * the same objects whichever API a client uses.
 */
export interface ClientFailoverServiceClient extends grpc.Client {
  /**
   * Adds a client session to a group, or renames it if it exists. Answers its identifier.
   */
  AddGroupClientSession(argument: _rolecall_failover_v1_AddGroupClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  AddGroupClientSession(argument: _rolecall_failover_v1_AddGroupClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  AddGroupClientSession(argument: _rolecall_failover_v1_AddGroupClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  AddGroupClientSession(argument: _rolecall_failover_v1_AddGroupClientSessionRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  /**
   * Adds a client session to a group, or renames it if it exists. Answers its identifier.
   */
  addGroupClientSession(argument: _rolecall_failover_v1_AddGroupClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  addGroupClientSession(argument: _rolecall_failover_v1_AddGroupClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  addGroupClientSession(argument: _rolecall_failover_v1_AddGroupClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  addGroupClientSession(argument: _rolecall_failover_v1_AddGroupClientSessionRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates a client session in a group; ALREADY_EXISTS if its identifier is taken.
   */
  CreateClientSession(argument: _rolecall_failover_v1_CreateClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  CreateClientSession(argument: _rolecall_failover_v1_CreateClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  CreateClientSession(argument: _rolecall_failover_v1_CreateClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  CreateClientSession(argument: _rolecall_failover_v1_CreateClientSessionRequest, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a client session in a group; ALREADY_EXISTS if its identifier is taken.
   */
  createClientSession(argument: _rolecall_failover_v1_CreateClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  createClientSession(argument: _rolecall_failover_v1_CreateClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  createClientSession(argument: _rolecall_failover_v1_CreateClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  createClientSession(argument: _rolecall_failover_v1_CreateClientSessionRequest, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates a failover group. Answers the new group's identifier.
   */
  CreateGroup(argument: _rolecall_failover_v1_CreateGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  CreateGroup(argument: _rolecall_failover_v1_CreateGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  CreateGroup(argument: _rolecall_failover_v1_CreateGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  CreateGroup(argument: _rolecall_failover_v1_CreateGroupRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a failover group. Answers the new group's identifier.
   */
  createGroup(argument: _rolecall_failover_v1_CreateGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  createGroup(argument: _rolecall_failover_v1_CreateGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  createGroup(argument: _rolecall_failover_v1_CreateGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  createGroup(argument: _rolecall_failover_v1_CreateGroupRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a client session. REST answers 204 with an empty body.
   */
  DeleteClientSession(argument: _rolecall_failover_v1_DeleteClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_DeleteClientSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteClientSession(argument: _rolecall_failover_v1_DeleteClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_DeleteClientSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteClientSession(argument: _rolecall_failover_v1_DeleteClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_DeleteClientSessionResponse__Output>): grpc.ClientUnaryCall;
  DeleteClientSession(argument: _rolecall_failover_v1_DeleteClientSessionRequest, callback: grpc.requestCallback<_rolecall_failover_v1_DeleteClientSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a client session. REST answers 204 with an empty body.
   */
  deleteClientSession(argument: _rolecall_failover_v1_DeleteClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_DeleteClientSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteClientSession(argument: _rolecall_failover_v1_DeleteClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_DeleteClientSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteClientSession(argument: _rolecall_failover_v1_DeleteClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_DeleteClientSessionResponse__Output>): grpc.ClientUnaryCall;
  deleteClientSession(argument: _rolecall_failover_v1_DeleteClientSessionRequest, callback: grpc.requestCallback<_rolecall_failover_v1_DeleteClientSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a failover group that has no live client. Answers the group's identifier.
   */
  DeleteGroup(argument: _rolecall_failover_v1_DeleteGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  DeleteGroup(argument: _rolecall_failover_v1_DeleteGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  DeleteGroup(argument: _rolecall_failover_v1_DeleteGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  DeleteGroup(argument: _rolecall_failover_v1_DeleteGroupRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a failover group that has no live client. Answers the group's identifier.
   */
  deleteGroup(argument: _rolecall_failover_v1_DeleteGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  deleteGroup(argument: _rolecall_failover_v1_DeleteGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  deleteGroup(argument: _rolecall_failover_v1_DeleteGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  deleteGroup(argument: _rolecall_failover_v1_DeleteGroupRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  
  /**
   * Gets a client session.
   */
  GetClientSession(argument: _rolecall_failover_v1_GetClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  GetClientSession(argument: _rolecall_failover_v1_GetClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  GetClientSession(argument: _rolecall_failover_v1_GetClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  GetClientSession(argument: _rolecall_failover_v1_GetClientSessionRequest, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  /**
   * Gets a client session.
   */
  getClientSession(argument: _rolecall_failover_v1_GetClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  getClientSession(argument: _rolecall_failover_v1_GetClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  getClientSession(argument: _rolecall_failover_v1_GetClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  getClientSession(argument: _rolecall_failover_v1_GetClientSessionRequest, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  
  /**
   * Gets a failover group with its sessions and the state of its clients.
   */
  GetGroup(argument: _rolecall_failover_v1_GetGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_Group__Output>): grpc.ClientUnaryCall;
  GetGroup(argument: _rolecall_failover_v1_GetGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_Group__Output>): grpc.ClientUnaryCall;
  GetGroup(argument: _rolecall_failover_v1_GetGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_Group__Output>): grpc.ClientUnaryCall;
  GetGroup(argument: _rolecall_failover_v1_GetGroupRequest, callback: grpc.requestCallback<_rolecall_failover_v1_Group__Output>): grpc.ClientUnaryCall;
  /**
   * Gets a failover group with its sessions and the state of its clients.
   */
  getGroup(argument: _rolecall_failover_v1_GetGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_Group__Output>): grpc.ClientUnaryCall;
  getGroup(argument: _rolecall_failover_v1_GetGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_Group__Output>): grpc.ClientUnaryCall;
  getGroup(argument: _rolecall_failover_v1_GetGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_Group__Output>): grpc.ClientUnaryCall;
  getGroup(argument: _rolecall_failover_v1_GetGroupRequest, callback: grpc.requestCallback<_rolecall_failover_v1_Group__Output>): grpc.ClientUnaryCall;
  
  /**
   * Carries heartbeats from an agent, for one or many client sessions per message. The server
   * answers every message and pushes a message unprompted the moment a session's role changes.
   */
  HeartbeatStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_rolecall_failover_v1_HeartbeatStreamRequest, _rolecall_failover_v1_HeartbeatStreamResponse__Output>;
  HeartbeatStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_rolecall_failover_v1_HeartbeatStreamRequest, _rolecall_failover_v1_HeartbeatStreamResponse__Output>;
  /**
   * Carries heartbeats from an agent, for one or many client sessions per message. The server
   * answers every message and pushes a message unprompted the moment a session's role changes.
   */
  heartbeatStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_rolecall_failover_v1_HeartbeatStreamRequest, _rolecall_failover_v1_HeartbeatStreamResponse__Output>;
  heartbeatStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_rolecall_failover_v1_HeartbeatStreamRequest, _rolecall_failover_v1_HeartbeatStreamResponse__Output>;
  
  /**
   * Lists the client sessions of a group. Streamed so that REST prints a bare JSON array.
   */
  ListClientSessions(argument: _rolecall_failover_v1_ListClientSessionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_ClientSession__Output>;
  ListClientSessions(argument: _rolecall_failover_v1_ListClientSessionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_ClientSession__Output>;
  /**
   * Lists the client sessions of a group. Streamed so that REST prints a bare JSON array.
   */
  listClientSessions(argument: _rolecall_failover_v1_ListClientSessionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_ClientSession__Output>;
  listClientSessions(argument: _rolecall_failover_v1_ListClientSessionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_ClientSession__Output>;
  
  /**
   * Lists the failover groups of a namespace. Streamed so that REST prints a bare JSON array.
   */
  ListGroups(argument: _rolecall_failover_v1_ListGroupsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_Group__Output>;
  ListGroups(argument: _rolecall_failover_v1_ListGroupsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_Group__Output>;
  /**
   * Lists the failover groups of a namespace. Streamed so that REST prints a bare JSON array.
   */
  listGroups(argument: _rolecall_failover_v1_ListGroupsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_Group__Output>;
  listGroups(argument: _rolecall_failover_v1_ListGroupsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_Group__Output>;
  
  /**
   * Creates or updates a client session. REST answers 201 when created and 200 when updated.
   */
  PutClientSession(argument: _rolecall_failover_v1_PutClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  PutClientSession(argument: _rolecall_failover_v1_PutClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  PutClientSession(argument: _rolecall_failover_v1_PutClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  PutClientSession(argument: _rolecall_failover_v1_PutClientSessionRequest, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or updates a client session. REST answers 201 when created and 200 when updated.
   */
  putClientSession(argument: _rolecall_failover_v1_PutClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  putClientSession(argument: _rolecall_failover_v1_PutClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  putClientSession(argument: _rolecall_failover_v1_PutClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  putClientSession(argument: _rolecall_failover_v1_PutClientSessionRequest, callback: grpc.requestCallback<_rolecall_failover_v1_ClientSession__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates or updates a failover group. Answers the group's identifier.
   */
  PutGroup(argument: _rolecall_failover_v1_PutGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  PutGroup(argument: _rolecall_failover_v1_PutGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  PutGroup(argument: _rolecall_failover_v1_PutGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  PutGroup(argument: _rolecall_failover_v1_PutGroupRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  /**
   * Creates or updates a failover group. Answers the group's identifier.
   */
  putGroup(argument: _rolecall_failover_v1_PutGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  putGroup(argument: _rolecall_failover_v1_PutGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  putGroup(argument: _rolecall_failover_v1_PutGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  putGroup(argument: _rolecall_failover_v1_PutGroupRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes a client session from a group. Answers its identifier.
   */
  RemoveGroupClientSession(argument: _rolecall_failover_v1_RemoveGroupClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  RemoveGroupClientSession(argument: _rolecall_failover_v1_RemoveGroupClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  RemoveGroupClientSession(argument: _rolecall_failover_v1_RemoveGroupClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  RemoveGroupClientSession(argument: _rolecall_failover_v1_RemoveGroupClientSessionRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  /**
   * Removes a client session from a group. Answers its identifier.
   */
  removeGroupClientSession(argument: _rolecall_failover_v1_RemoveGroupClientSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  removeGroupClientSession(argument: _rolecall_failover_v1_RemoveGroupClientSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  removeGroupClientSession(argument: _rolecall_failover_v1_RemoveGroupClientSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  removeGroupClientSession(argument: _rolecall_failover_v1_RemoveGroupClientSessionRequest, callback: grpc.requestCallback<_google_protobuf_StringValue__Output>): grpc.ClientUnaryCall;
  
  /**
   * Posts a v1 heartbeat for a client session of a group.
   */
  SendGroupHeartbeat(argument: _rolecall_failover_v1_SendGroupHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_GroupHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  SendGroupHeartbeat(argument: _rolecall_failover_v1_SendGroupHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_GroupHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  SendGroupHeartbeat(argument: _rolecall_failover_v1_SendGroupHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_GroupHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  SendGroupHeartbeat(argument: _rolecall_failover_v1_SendGroupHeartbeatRequest, callback: grpc.requestCallback<_rolecall_failover_v1_GroupHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Posts a v1 heartbeat for a client session of a group.
   */
  sendGroupHeartbeat(argument: _rolecall_failover_v1_SendGroupHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_GroupHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  sendGroupHeartbeat(argument: _rolecall_failover_v1_SendGroupHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_GroupHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  sendGroupHeartbeat(argument: _rolecall_failover_v1_SendGroupHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_GroupHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  sendGroupHeartbeat(argument: _rolecall_failover_v1_SendGroupHeartbeatRequest, callback: grpc.requestCallback<_rolecall_failover_v1_GroupHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Posts a v1-preview heartbeat for a client session.
   */
  SendHeartbeat(argument: _rolecall_failover_v1_SendHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_FailoverResponse__Output>): grpc.ClientUnaryCall;
  SendHeartbeat(argument: _rolecall_failover_v1_SendHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_FailoverResponse__Output>): grpc.ClientUnaryCall;
  SendHeartbeat(argument: _rolecall_failover_v1_SendHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_FailoverResponse__Output>): grpc.ClientUnaryCall;
  SendHeartbeat(argument: _rolecall_failover_v1_SendHeartbeatRequest, callback: grpc.requestCallback<_rolecall_failover_v1_FailoverResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Posts a v1-preview heartbeat for a client session.
   */
  sendHeartbeat(argument: _rolecall_failover_v1_SendHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_FailoverResponse__Output>): grpc.ClientUnaryCall;
  sendHeartbeat(argument: _rolecall_failover_v1_SendHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rolecall_failover_v1_FailoverResponse__Output>): grpc.ClientUnaryCall;
  sendHeartbeat(argument: _rolecall_failover_v1_SendHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rolecall_failover_v1_FailoverResponse__Output>): grpc.ClientUnaryCall;
  sendHeartbeat(argument: _rolecall_failover_v1_SendHeartbeatRequest, callback: grpc.requestCallback<_rolecall_failover_v1_FailoverResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reports the current state of a group, then every change of it, including "no primary now".
   */
  WatchGroup(argument: _rolecall_failover_v1_WatchGroupRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_WatchGroupResponse__Output>;
  WatchGroup(argument: _rolecall_failover_v1_WatchGroupRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_WatchGroupResponse__Output>;
  /**
   * Reports the current state of a group, then every change of it, including "no primary now".
   */
  watchGroup(argument: _rolecall_failover_v1_WatchGroupRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_WatchGroupResponse__Output>;
  watchGroup(argument: _rolecall_failover_v1_WatchGroupRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_rolecall_failover_v1_WatchGroupResponse__Output>;
  
}

/**
 * ClientFailoverService keeps failover groups and their client sessions, and decides which
 * client of each group is Primary. It serves two documented REST APIs over the same objects:
 * the v1 group API and the v1-preview client session API. A group and its client sessions are
 * the same objects whichever API a client uses.
 */
export interface ClientFailoverServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Adds a client session to a group, or renames it if it exists. Answers its identifier.
   */
  AddGroupClientSession: grpc.handleUnaryCall<_rolecall_failover_v1_AddGroupClientSessionRequest__Output, _google_protobuf_StringValue>;
  
  /**
   * Creates a client session in a group; ALREADY_EXISTS if its identifier is taken.
   */
  CreateClientSession: grpc.handleUnaryCall<_rolecall_failover_v1_CreateClientSessionRequest__Output, _rolecall_failover_v1_ClientSession>;
  
  /**
   * Creates a failover group. Answers the new group's identifier.
   */
  CreateGroup: grpc.handleUnaryCall<_rolecall_failover_v1_CreateGroupRequest__Output, _google_protobuf_StringValue>;
  
  /**
   * Deletes a client session. REST answers 204 with an empty body.
   */
  DeleteClientSession: grpc.handleUnaryCall<_rolecall_failover_v1_DeleteClientSessionRequest__Output, _rolecall_failover_v1_DeleteClientSessionResponse>;
  
  /**
   * Deletes a failover group that has no live client. Answers the group's identifier.
   */
  DeleteGroup: grpc.handleUnaryCall<_rolecall_failover_v1_DeleteGroupRequest__Output, _google_protobuf_StringValue>;
  
  /**
   * Gets a client session.
   */
  GetClientSession: grpc.handleUnaryCall<_rolecall_failover_v1_GetClientSessionRequest__Output, _rolecall_failover_v1_ClientSession>;
  
  /**
   * Gets a failover group with its sessions and the state of its clients.
   */
  GetGroup: grpc.handleUnaryCall<_rolecall_failover_v1_GetGroupRequest__Output, _rolecall_failover_v1_Group>;
  
  /**
   * Carries heartbeats from an agent, for one or many client sessions per message. The server
   * answers every message and pushes a message unprompted the moment a session's role changes.
   */
  HeartbeatStream: grpc.handleBidiStreamingCall<_rolecall_failover_v1_HeartbeatStreamRequest__Output, _rolecall_failover_v1_HeartbeatStreamResponse>;
  
  /**
   * Lists the client sessions of a group. Streamed so that REST prints a bare JSON array.
   */
  ListClientSessions: grpc.handleServerStreamingCall<_rolecall_failover_v1_ListClientSessionsRequest__Output, _rolecall_failover_v1_ClientSession>;
  
  /**
   * Lists the failover groups of a namespace. Streamed so that REST prints a bare JSON array.
   */
  ListGroups: grpc.handleServerStreamingCall<_rolecall_failover_v1_ListGroupsRequest__Output, _rolecall_failover_v1_Group>;
  
  /**
   * Creates or updates a client session. REST answers 201 when created and 200 when updated.
   */
  PutClientSession: grpc.handleUnaryCall<_rolecall_failover_v1_PutClientSessionRequest__Output, _rolecall_failover_v1_ClientSession>;
  
  /**
   * Creates or updates a failover group. Answers the group's identifier.
   */
  PutGroup: grpc.handleUnaryCall<_rolecall_failover_v1_PutGroupRequest__Output, _google_protobuf_StringValue>;
  
  /**
   * Removes a client session from a group. Answers its identifier.
   */
  RemoveGroupClientSession: grpc.handleUnaryCall<_rolecall_failover_v1_RemoveGroupClientSessionRequest__Output, _google_protobuf_StringValue>;
  
  /**
   * Posts a v1 heartbeat for a client session of a group.
   */
  SendGroupHeartbeat: grpc.handleUnaryCall<_rolecall_failover_v1_SendGroupHeartbeatRequest__Output, _rolecall_failover_v1_GroupHeartbeatResponse>;
  
  /**
   * Posts a v1-preview heartbeat for a client session.
   */
  SendHeartbeat: grpc.handleUnaryCall<_rolecall_failover_v1_SendHeartbeatRequest__Output, _rolecall_failover_v1_FailoverResponse>;
  
  /**
   * Reports the current state of a group, then every change of it, including "no primary now".
   */
  WatchGroup: grpc.handleServerStreamingCall<_rolecall_failover_v1_WatchGroupRequest__Output, _rolecall_failover_v1_WatchGroupResponse>;
  
}

export interface ClientFailoverServiceDefinition extends grpc.ServiceDefinition {
  AddGroupClientSession: MethodDefinition<_rolecall_failover_v1_AddGroupClientSessionRequest, _google_protobuf_StringValue, _rolecall_failover_v1_AddGroupClientSessionRequest__Output, _google_protobuf_StringValue__Output>
  CreateClientSession: MethodDefinition<_rolecall_failover_v1_CreateClientSessionRequest, _rolecall_failover_v1_ClientSession, _rolecall_failover_v1_CreateClientSessionRequest__Output, _rolecall_failover_v1_ClientSession__Output>
  CreateGroup: MethodDefinition<_rolecall_failover_v1_CreateGroupRequest, _google_protobuf_StringValue, _rolecall_failover_v1_CreateGroupRequest__Output, _google_protobuf_StringValue__Output>
  DeleteClientSession: MethodDefinition<_rolecall_failover_v1_DeleteClientSessionRequest, _rolecall_failover_v1_DeleteClientSessionResponse, _rolecall_failover_v1_DeleteClientSessionRequest__Output, _rolecall_failover_v1_DeleteClientSessionResponse__Output>
  DeleteGroup: MethodDefinition<_rolecall_failover_v1_DeleteGroupRequest, _google_protobuf_StringValue, _rolecall_failover_v1_DeleteGroupRequest__Output, _google_protobuf_StringValue__Output>
  GetClientSession: MethodDefinition<_rolecall_failover_v1_GetClientSessionRequest, _rolecall_failover_v1_ClientSession, _rolecall_failover_v1_GetClientSessionRequest__Output, _rolecall_failover_v1_ClientSession__Output>
  GetGroup: MethodDefinition<_rolecall_failover_v1_GetGroupRequest, _rolecall_failover_v1_Group, _rolecall_failover_v1_GetGroupRequest__Output, _rolecall_failover_v1_Group__Output>
  HeartbeatStream: MethodDefinition<_rolecall_failover_v1_HeartbeatStreamRequest, _rolecall_failover_v1_HeartbeatStreamResponse, _rolecall_failover_v1_HeartbeatStreamRequest__Output, _rolecall_failover_v1_HeartbeatStreamResponse__Output>
  ListClientSessions: MethodDefinition<_rolecall_failover_v1_ListClientSessionsRequest, _rolecall_failover_v1_ClientSession, _rolecall_failover_v1_ListClientSessionsRequest__Output, _rolecall_failover_v1_ClientSession__Output>
  ListGroups: MethodDefinition<_rolecall_failover_v1_ListGroupsRequest, _rolecall_failover_v1_Group, _rolecall_failover_v1_ListGroupsRequest__Output, _rolecall_failover_v1_Group__Output>
  PutClientSession: MethodDefinition<_rolecall_failover_v1_PutClientSessionRequest, _rolecall_failover_v1_ClientSession, _rolecall_failover_v1_PutClientSessionRequest__Output, _rolecall_failover_v1_ClientSession__Output>
  PutGroup: MethodDefinition<_rolecall_failover_v1_PutGroupRequest, _google_protobuf_StringValue, _rolecall_failover_v1_PutGroupRequest__Output, _google_protobuf_StringValue__Output>
  RemoveGroupClientSession: MethodDefinition<_rolecall_failover_v1_RemoveGroupClientSessionRequest, _google_protobuf_StringValue, _rolecall_failover_v1_RemoveGroupClientSessionRequest__Output, _google_protobuf_StringValue__Output>
  SendGroupHeartbeat: MethodDefinition<_rolecall_failover_v1_SendGroupHeartbeatRequest, _rolecall_failover_v1_GroupHeartbeatResponse, _rolecall_failover_v1_SendGroupHeartbeatRequest__Output, _rolecall_failover_v1_GroupHeartbeatResponse__Output>
  SendHeartbeat: MethodDefinition<_rolecall_failover_v1_SendHeartbeatRequest, _rolecall_failover_v1_FailoverResponse, _rolecall_failover_v1_SendHeartbeatRequest__Output, _rolecall_failover_v1_FailoverResponse__Output>
  WatchGroup: MethodDefinition<_rolecall_failover_v1_WatchGroupRequest, _rolecall_failover_v1_WatchGroupResponse, _rolecall_failover_v1_WatchGroupRequest__Output, _rolecall_failover_v1_WatchGroupResponse__Output>
}
