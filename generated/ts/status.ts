import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CustomHttpPattern as _google_api_CustomHttpPattern, CustomHttpPattern__Output as _google_api_CustomHttpPattern__Output } from './google/api/CustomHttpPattern';
import type { Http as _google_api_Http, Http__Output as _google_api_Http__Output } from './google/api/Http';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from './google/api/HttpBody';
import type { HttpRule as _google_api_HttpRule, HttpRule__Output as _google_api_HttpRule__Output } from './google/api/HttpRule';
import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from './google/protobuf/Any';
import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from './google/protobuf/BoolValue';
import type { BytesValue as _google_protobuf_BytesValue, BytesValue__Output as _google_protobuf_BytesValue__Output } from './google/protobuf/BytesValue';
import type { DescriptorProto as _google_protobuf_DescriptorProto, DescriptorProto__Output as _google_protobuf_DescriptorProto__Output } from './google/protobuf/DescriptorProto';
import type { DoubleValue as _google_protobuf_DoubleValue, DoubleValue__Output as _google_protobuf_DoubleValue__Output } from './google/protobuf/DoubleValue';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from './google/protobuf/Duration';
import type { EnumDescriptorProto as _google_protobuf_EnumDescriptorProto, EnumDescriptorProto__Output as _google_protobuf_EnumDescriptorProto__Output } from './google/protobuf/EnumDescriptorProto';
import type { EnumOptions as _google_protobuf_EnumOptions, EnumOptions__Output as _google_protobuf_EnumOptions__Output } from './google/protobuf/EnumOptions';
import type { EnumValueDescriptorProto as _google_protobuf_EnumValueDescriptorProto, EnumValueDescriptorProto__Output as _google_protobuf_EnumValueDescriptorProto__Output } from './google/protobuf/EnumValueDescriptorProto';
import type { EnumValueOptions as _google_protobuf_EnumValueOptions, EnumValueOptions__Output as _google_protobuf_EnumValueOptions__Output } from './google/protobuf/EnumValueOptions';
import type { ExtensionRangeOptions as _google_protobuf_ExtensionRangeOptions, ExtensionRangeOptions__Output as _google_protobuf_ExtensionRangeOptions__Output } from './google/protobuf/ExtensionRangeOptions';
import type { FeatureSet as _google_protobuf_FeatureSet, FeatureSet__Output as _google_protobuf_FeatureSet__Output } from './google/protobuf/FeatureSet';
import type { FeatureSetDefaults as _google_protobuf_FeatureSetDefaults, FeatureSetDefaults__Output as _google_protobuf_FeatureSetDefaults__Output } from './google/protobuf/FeatureSetDefaults';
import type { FieldDescriptorProto as _google_protobuf_FieldDescriptorProto, FieldDescriptorProto__Output as _google_protobuf_FieldDescriptorProto__Output } from './google/protobuf/FieldDescriptorProto';
import type { FieldOptions as _google_protobuf_FieldOptions, FieldOptions__Output as _google_protobuf_FieldOptions__Output } from './google/protobuf/FieldOptions';
import type { FileDescriptorProto as _google_protobuf_FileDescriptorProto, FileDescriptorProto__Output as _google_protobuf_FileDescriptorProto__Output } from './google/protobuf/FileDescriptorProto';
import type { FileDescriptorSet as _google_protobuf_FileDescriptorSet, FileDescriptorSet__Output as _google_protobuf_FileDescriptorSet__Output } from './google/protobuf/FileDescriptorSet';
import type { FileOptions as _google_protobuf_FileOptions, FileOptions__Output as _google_protobuf_FileOptions__Output } from './google/protobuf/FileOptions';
import type { FloatValue as _google_protobuf_FloatValue, FloatValue__Output as _google_protobuf_FloatValue__Output } from './google/protobuf/FloatValue';
import type { GeneratedCodeInfo as _google_protobuf_GeneratedCodeInfo, GeneratedCodeInfo__Output as _google_protobuf_GeneratedCodeInfo__Output } from './google/protobuf/GeneratedCodeInfo';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from './google/protobuf/Int32Value';
import type { Int64Value as _google_protobuf_Int64Value, Int64Value__Output as _google_protobuf_Int64Value__Output } from './google/protobuf/Int64Value';
import type { MessageOptions as _google_protobuf_MessageOptions, MessageOptions__Output as _google_protobuf_MessageOptions__Output } from './google/protobuf/MessageOptions';
import type { MethodDescriptorProto as _google_protobuf_MethodDescriptorProto, MethodDescriptorProto__Output as _google_protobuf_MethodDescriptorProto__Output } from './google/protobuf/MethodDescriptorProto';
import type { MethodOptions as _google_protobuf_MethodOptions, MethodOptions__Output as _google_protobuf_MethodOptions__Output } from './google/protobuf/MethodOptions';
import type { OneofDescriptorProto as _google_protobuf_OneofDescriptorProto, OneofDescriptorProto__Output as _google_protobuf_OneofDescriptorProto__Output } from './google/protobuf/OneofDescriptorProto';
import type { OneofOptions as _google_protobuf_OneofOptions, OneofOptions__Output as _google_protobuf_OneofOptions__Output } from './google/protobuf/OneofOptions';
import type { ServiceDescriptorProto as _google_protobuf_ServiceDescriptorProto, ServiceDescriptorProto__Output as _google_protobuf_ServiceDescriptorProto__Output } from './google/protobuf/ServiceDescriptorProto';
import type { ServiceOptions as _google_protobuf_ServiceOptions, ServiceOptions__Output as _google_protobuf_ServiceOptions__Output } from './google/protobuf/ServiceOptions';
import type { SourceCodeInfo as _google_protobuf_SourceCodeInfo, SourceCodeInfo__Output as _google_protobuf_SourceCodeInfo__Output } from './google/protobuf/SourceCodeInfo';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from './google/protobuf/UInt32Value';
import type { UInt64Value as _google_protobuf_UInt64Value, UInt64Value__Output as _google_protobuf_UInt64Value__Output } from './google/protobuf/UInt64Value';
import type { UninterpretedOption as _google_protobuf_UninterpretedOption, UninterpretedOption__Output as _google_protobuf_UninterpretedOption__Output } from './google/protobuf/UninterpretedOption';
import type { AddGroupClientSessionRequest as _rolecall_failover_v1_AddGroupClientSessionRequest, AddGroupClientSessionRequest__Output as _rolecall_failover_v1_AddGroupClientSessionRequest__Output } from './rolecall/failover/v1/AddGroupClientSessionRequest';
import type { ClientFailoverServiceClient as _rolecall_failover_v1_ClientFailoverServiceClient, ClientFailoverServiceDefinition as _rolecall_failover_v1_ClientFailoverServiceDefinition } from './rolecall/failover/v1/ClientFailoverService';
import type { ClientSession as _rolecall_failover_v1_ClientSession, ClientSession__Output as _rolecall_failover_v1_ClientSession__Output } from './rolecall/failover/v1/ClientSession';
import type { ClientSessionKey as _rolecall_failover_v1_ClientSessionKey, ClientSessionKey__Output as _rolecall_failover_v1_ClientSessionKey__Output } from './rolecall/failover/v1/ClientSessionKey';
import type { ClientStatus as _rolecall_failover_v1_ClientStatus, ClientStatus__Output as _rolecall_failover_v1_ClientStatus__Output } from './rolecall/failover/v1/ClientStatus';
import type { CreateClientSessionRequest as _rolecall_failover_v1_CreateClientSessionRequest, CreateClientSessionRequest__Output as _rolecall_failover_v1_CreateClientSessionRequest__Output } from './rolecall/failover/v1/CreateClientSessionRequest';
import type { CreateGroupRequest as _rolecall_failover_v1_CreateGroupRequest, CreateGroupRequest__Output as _rolecall_failover_v1_CreateGroupRequest__Output } from './rolecall/failover/v1/CreateGroupRequest';
import type { DeleteClientSessionRequest as _rolecall_failover_v1_DeleteClientSessionRequest, DeleteClientSessionRequest__Output as _rolecall_failover_v1_DeleteClientSessionRequest__Output } from './rolecall/failover/v1/DeleteClientSessionRequest';
import type { DeleteClientSessionResponse as _rolecall_failover_v1_DeleteClientSessionResponse, DeleteClientSessionResponse__Output as _rolecall_failover_v1_DeleteClientSessionResponse__Output } from './rolecall/failover/v1/DeleteClientSessionResponse';
import type { DeleteGroupRequest as _rolecall_failover_v1_DeleteGroupRequest, DeleteGroupRequest__Output as _rolecall_failover_v1_DeleteGroupRequest__Output } from './rolecall/failover/v1/DeleteGroupRequest';
import type { FailoverHeartbeat as _rolecall_failover_v1_FailoverHeartbeat, FailoverHeartbeat__Output as _rolecall_failover_v1_FailoverHeartbeat__Output } from './rolecall/failover/v1/FailoverHeartbeat';
import type { FailoverResponse as _rolecall_failover_v1_FailoverResponse, FailoverResponse__Output as _rolecall_failover_v1_FailoverResponse__Output } from './rolecall/failover/v1/FailoverResponse';
import type { GetClientSessionRequest as _rolecall_failover_v1_GetClientSessionRequest, GetClientSessionRequest__Output as _rolecall_failover_v1_GetClientSessionRequest__Output } from './rolecall/failover/v1/GetClientSessionRequest';
import type { GetGroupRequest as _rolecall_failover_v1_GetGroupRequest, GetGroupRequest__Output as _rolecall_failover_v1_GetGroupRequest__Output } from './rolecall/failover/v1/GetGroupRequest';
import type { Group as _rolecall_failover_v1_Group, Group__Output as _rolecall_failover_v1_Group__Output } from './rolecall/failover/v1/Group';
import type { GroupConfiguration as _rolecall_failover_v1_GroupConfiguration, GroupConfiguration__Output as _rolecall_failover_v1_GroupConfiguration__Output } from './rolecall/failover/v1/GroupConfiguration';
import type { GroupHeartbeat as _rolecall_failover_v1_GroupHeartbeat, GroupHeartbeat__Output as _rolecall_failover_v1_GroupHeartbeat__Output } from './rolecall/failover/v1/GroupHeartbeat';
import type { GroupHeartbeatResponse as _rolecall_failover_v1_GroupHeartbeatResponse, GroupHeartbeatResponse__Output as _rolecall_failover_v1_GroupHeartbeatResponse__Output } from './rolecall/failover/v1/GroupHeartbeatResponse';
import type { HeartbeatStreamRequest as _rolecall_failover_v1_HeartbeatStreamRequest, HeartbeatStreamRequest__Output as _rolecall_failover_v1_HeartbeatStreamRequest__Output } from './rolecall/failover/v1/HeartbeatStreamRequest';
import type { HeartbeatStreamResponse as _rolecall_failover_v1_HeartbeatStreamResponse, HeartbeatStreamResponse__Output as _rolecall_failover_v1_HeartbeatStreamResponse__Output } from './rolecall/failover/v1/HeartbeatStreamResponse';
import type { ListClientSessionsRequest as _rolecall_failover_v1_ListClientSessionsRequest, ListClientSessionsRequest__Output as _rolecall_failover_v1_ListClientSessionsRequest__Output } from './rolecall/failover/v1/ListClientSessionsRequest';
import type { ListGroupsRequest as _rolecall_failover_v1_ListGroupsRequest, ListGroupsRequest__Output as _rolecall_failover_v1_ListGroupsRequest__Output } from './rolecall/failover/v1/ListGroupsRequest';
import type { PutClientSessionRequest as _rolecall_failover_v1_PutClientSessionRequest, PutClientSessionRequest__Output as _rolecall_failover_v1_PutClientSessionRequest__Output } from './rolecall/failover/v1/PutClientSessionRequest';
import type { PutGroupRequest as _rolecall_failover_v1_PutGroupRequest, PutGroupRequest__Output as _rolecall_failover_v1_PutGroupRequest__Output } from './rolecall/failover/v1/PutGroupRequest';
import type { RemoveGroupClientSessionRequest as _rolecall_failover_v1_RemoveGroupClientSessionRequest, RemoveGroupClientSessionRequest__Output as _rolecall_failover_v1_RemoveGroupClientSessionRequest__Output } from './rolecall/failover/v1/RemoveGroupClientSessionRequest';
import type { SendGroupHeartbeatRequest as _rolecall_failover_v1_SendGroupHeartbeatRequest, SendGroupHeartbeatRequest__Output as _rolecall_failover_v1_SendGroupHeartbeatRequest__Output } from './rolecall/failover/v1/SendGroupHeartbeatRequest';
import type { SendHeartbeatRequest as _rolecall_failover_v1_SendHeartbeatRequest, SendHeartbeatRequest__Output as _rolecall_failover_v1_SendHeartbeatRequest__Output } from './rolecall/failover/v1/SendHeartbeatRequest';
import type { SessionHeartbeat as _rolecall_failover_v1_SessionHeartbeat, SessionHeartbeat__Output as _rolecall_failover_v1_SessionHeartbeat__Output } from './rolecall/failover/v1/SessionHeartbeat';
import type { SessionRole as _rolecall_failover_v1_SessionRole, SessionRole__Output as _rolecall_failover_v1_SessionRole__Output } from './rolecall/failover/v1/SessionRole';
import type { SessionSummary as _rolecall_failover_v1_SessionSummary, SessionSummary__Output as _rolecall_failover_v1_SessionSummary__Output } from './rolecall/failover/v1/SessionSummary';
import type { WatchGroupRequest as _rolecall_failover_v1_WatchGroupRequest, WatchGroupRequest__Output as _rolecall_failover_v1_WatchGroupRequest__Output } from './rolecall/failover/v1/WatchGroupRequest';
import type { WatchGroupResponse as _rolecall_failover_v1_WatchGroupResponse, WatchGroupResponse__Output as _rolecall_failover_v1_WatchGroupResponse__Output } from './rolecall/failover/v1/WatchGroupResponse';
import type { ApiDocument as _rolecall_status_v1_ApiDocument, ApiDocument__Output as _rolecall_status_v1_ApiDocument__Output } from './rolecall/status/v1/ApiDocument';
import type { ApiDocumentServiceClient as _rolecall_status_v1_ApiDocumentServiceClient, ApiDocumentServiceDefinition as _rolecall_status_v1_ApiDocumentServiceDefinition } from './rolecall/status/v1/ApiDocumentService';
import type { ClientStatus as _rolecall_status_v1_ClientStatus, ClientStatus__Output as _rolecall_status_v1_ClientStatus__Output } from './rolecall/status/v1/ClientStatus';
import type { GetApiDocumentRequest as _rolecall_status_v1_GetApiDocumentRequest, GetApiDocumentRequest__Output as _rolecall_status_v1_GetApiDocumentRequest__Output } from './rolecall/status/v1/GetApiDocumentRequest';
import type { GetStatusAssetRequest as _rolecall_status_v1_GetStatusAssetRequest, GetStatusAssetRequest__Output as _rolecall_status_v1_GetStatusAssetRequest__Output } from './rolecall/status/v1/GetStatusAssetRequest';
import type { GetStatusPageRequest as _rolecall_status_v1_GetStatusPageRequest, GetStatusPageRequest__Output as _rolecall_status_v1_GetStatusPageRequest__Output } from './rolecall/status/v1/GetStatusPageRequest';
import type { GetStatusRequest as _rolecall_status_v1_GetStatusRequest, GetStatusRequest__Output as _rolecall_status_v1_GetStatusRequest__Output } from './rolecall/status/v1/GetStatusRequest';
import type { GetStatusResponse as _rolecall_status_v1_GetStatusResponse, GetStatusResponse__Output as _rolecall_status_v1_GetStatusResponse__Output } from './rolecall/status/v1/GetStatusResponse';
import type { GroupStatus as _rolecall_status_v1_GroupStatus, GroupStatus__Output as _rolecall_status_v1_GroupStatus__Output } from './rolecall/status/v1/GroupStatus';
import type { ListApiDocumentsRequest as _rolecall_status_v1_ListApiDocumentsRequest, ListApiDocumentsRequest__Output as _rolecall_status_v1_ListApiDocumentsRequest__Output } from './rolecall/status/v1/ListApiDocumentsRequest';
import type { ListApiDocumentsResponse as _rolecall_status_v1_ListApiDocumentsResponse, ListApiDocumentsResponse__Output as _rolecall_status_v1_ListApiDocumentsResponse__Output } from './rolecall/status/v1/ListApiDocumentsResponse';
import type { NamespaceStatus as _rolecall_status_v1_NamespaceStatus, NamespaceStatus__Output as _rolecall_status_v1_NamespaceStatus__Output } from './rolecall/status/v1/NamespaceStatus';
import type { StatusServiceClient as _rolecall_status_v1_StatusServiceClient, StatusServiceDefinition as _rolecall_status_v1_StatusServiceDefinition } from './rolecall/status/v1/StatusService';
import type { StreamCount as _rolecall_status_v1_StreamCount, StreamCount__Output as _rolecall_status_v1_StreamCount__Output } from './rolecall/status/v1/StreamCount';
import type { TtlSessionStatus as _rolecall_status_v1_TtlSessionStatus, TtlSessionStatus__Output as _rolecall_status_v1_TtlSessionStatus__Output } from './rolecall/status/v1/TtlSessionStatus';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    api: {
      CustomHttpPattern: MessageTypeDefinition<_google_api_CustomHttpPattern, _google_api_CustomHttpPattern__Output>
      Http: MessageTypeDefinition<_google_api_Http, _google_api_Http__Output>
      HttpBody: MessageTypeDefinition<_google_api_HttpBody, _google_api_HttpBody__Output>
      HttpRule: MessageTypeDefinition<_google_api_HttpRule, _google_api_HttpRule__Output>
    }
    protobuf: {
      Any: MessageTypeDefinition<_google_protobuf_Any, _google_protobuf_Any__Output>
      BoolValue: MessageTypeDefinition<_google_protobuf_BoolValue, _google_protobuf_BoolValue__Output>
      BytesValue: MessageTypeDefinition<_google_protobuf_BytesValue, _google_protobuf_BytesValue__Output>
      DescriptorProto: MessageTypeDefinition<_google_protobuf_DescriptorProto, _google_protobuf_DescriptorProto__Output>
      DoubleValue: MessageTypeDefinition<_google_protobuf_DoubleValue, _google_protobuf_DoubleValue__Output>
      Duration: MessageTypeDefinition<_google_protobuf_Duration, _google_protobuf_Duration__Output>
      Edition: EnumTypeDefinition
      EnumDescriptorProto: MessageTypeDefinition<_google_protobuf_EnumDescriptorProto, _google_protobuf_EnumDescriptorProto__Output>
      EnumOptions: MessageTypeDefinition<_google_protobuf_EnumOptions, _google_protobuf_EnumOptions__Output>
      EnumValueDescriptorProto: MessageTypeDefinition<_google_protobuf_EnumValueDescriptorProto, _google_protobuf_EnumValueDescriptorProto__Output>
      EnumValueOptions: MessageTypeDefinition<_google_protobuf_EnumValueOptions, _google_protobuf_EnumValueOptions__Output>
      ExtensionRangeOptions: MessageTypeDefinition<_google_protobuf_ExtensionRangeOptions, _google_protobuf_ExtensionRangeOptions__Output>
      FeatureSet: MessageTypeDefinition<_google_protobuf_FeatureSet, _google_protobuf_FeatureSet__Output>
      FeatureSetDefaults: MessageTypeDefinition<_google_protobuf_FeatureSetDefaults, _google_protobuf_FeatureSetDefaults__Output>
      FieldDescriptorProto: MessageTypeDefinition<_google_protobuf_FieldDescriptorProto, _google_protobuf_FieldDescriptorProto__Output>
      FieldOptions: MessageTypeDefinition<_google_protobuf_FieldOptions, _google_protobuf_FieldOptions__Output>
      FileDescriptorProto: MessageTypeDefinition<_google_protobuf_FileDescriptorProto, _google_protobuf_FileDescriptorProto__Output>
      FileDescriptorSet: MessageTypeDefinition<_google_protobuf_FileDescriptorSet, _google_protobuf_FileDescriptorSet__Output>
      FileOptions: MessageTypeDefinition<_google_protobuf_FileOptions, _google_protobuf_FileOptions__Output>
      FloatValue: MessageTypeDefinition<_google_protobuf_FloatValue, _google_protobuf_FloatValue__Output>
      GeneratedCodeInfo: MessageTypeDefinition<_google_protobuf_GeneratedCodeInfo, _google_protobuf_GeneratedCodeInfo__Output>
      Int32Value: MessageTypeDefinition<_google_protobuf_Int32Value, _google_protobuf_Int32Value__Output>
      Int64Value: MessageTypeDefinition<_google_protobuf_Int64Value, _google_protobuf_Int64Value__Output>
      MessageOptions: MessageTypeDefinition<_google_protobuf_MessageOptions, _google_protobuf_MessageOptions__Output>
      MethodDescriptorProto: MessageTypeDefinition<_google_protobuf_MethodDescriptorProto, _google_protobuf_MethodDescriptorProto__Output>
      MethodOptions: MessageTypeDefinition<_google_protobuf_MethodOptions, _google_protobuf_MethodOptions__Output>
      OneofDescriptorProto: MessageTypeDefinition<_google_protobuf_OneofDescriptorProto, _google_protobuf_OneofDescriptorProto__Output>
      OneofOptions: MessageTypeDefinition<_google_protobuf_OneofOptions, _google_protobuf_OneofOptions__Output>
      ServiceDescriptorProto: MessageTypeDefinition<_google_protobuf_ServiceDescriptorProto, _google_protobuf_ServiceDescriptorProto__Output>
      ServiceOptions: MessageTypeDefinition<_google_protobuf_ServiceOptions, _google_protobuf_ServiceOptions__Output>
      SourceCodeInfo: MessageTypeDefinition<_google_protobuf_SourceCodeInfo, _google_protobuf_SourceCodeInfo__Output>
      StringValue: MessageTypeDefinition<_google_protobuf_StringValue, _google_protobuf_StringValue__Output>
      SymbolVisibility: EnumTypeDefinition
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
      UInt32Value: MessageTypeDefinition<_google_protobuf_UInt32Value, _google_protobuf_UInt32Value__Output>
      UInt64Value: MessageTypeDefinition<_google_protobuf_UInt64Value, _google_protobuf_UInt64Value__Output>
      UninterpretedOption: MessageTypeDefinition<_google_protobuf_UninterpretedOption, _google_protobuf_UninterpretedOption__Output>
    }
  }
  rolecall: {
    failover: {
      v1: {
        AddGroupClientSessionRequest: MessageTypeDefinition<_rolecall_failover_v1_AddGroupClientSessionRequest, _rolecall_failover_v1_AddGroupClientSessionRequest__Output>
        /**
         * ClientFailoverService keeps failover groups and their client sessions, and decides which
         * client of each group is Primary. It serves two documented REST APIs over the same objects:
         * the v1 group API and the v1-preview client session API. A group and its client sessions are
         * the same objects whichever API a client uses.
         */
        ClientFailoverService: SubtypeConstructor<typeof grpc.Client, _rolecall_failover_v1_ClientFailoverServiceClient> & { service: _rolecall_failover_v1_ClientFailoverServiceDefinition }
        ClientRole: EnumTypeDefinition
        ClientSession: MessageTypeDefinition<_rolecall_failover_v1_ClientSession, _rolecall_failover_v1_ClientSession__Output>
        ClientSessionKey: MessageTypeDefinition<_rolecall_failover_v1_ClientSessionKey, _rolecall_failover_v1_ClientSessionKey__Output>
        ClientStatus: MessageTypeDefinition<_rolecall_failover_v1_ClientStatus, _rolecall_failover_v1_ClientStatus__Output>
        CreateClientSessionRequest: MessageTypeDefinition<_rolecall_failover_v1_CreateClientSessionRequest, _rolecall_failover_v1_CreateClientSessionRequest__Output>
        CreateGroupRequest: MessageTypeDefinition<_rolecall_failover_v1_CreateGroupRequest, _rolecall_failover_v1_CreateGroupRequest__Output>
        DeleteClientSessionRequest: MessageTypeDefinition<_rolecall_failover_v1_DeleteClientSessionRequest, _rolecall_failover_v1_DeleteClientSessionRequest__Output>
        DeleteClientSessionResponse: MessageTypeDefinition<_rolecall_failover_v1_DeleteClientSessionResponse, _rolecall_failover_v1_DeleteClientSessionResponse__Output>
        DeleteGroupRequest: MessageTypeDefinition<_rolecall_failover_v1_DeleteGroupRequest, _rolecall_failover_v1_DeleteGroupRequest__Output>
        FailoverHeartbeat: MessageTypeDefinition<_rolecall_failover_v1_FailoverHeartbeat, _rolecall_failover_v1_FailoverHeartbeat__Output>
        FailoverResponse: MessageTypeDefinition<_rolecall_failover_v1_FailoverResponse, _rolecall_failover_v1_FailoverResponse__Output>
        GetClientSessionRequest: MessageTypeDefinition<_rolecall_failover_v1_GetClientSessionRequest, _rolecall_failover_v1_GetClientSessionRequest__Output>
        GetGroupRequest: MessageTypeDefinition<_rolecall_failover_v1_GetGroupRequest, _rolecall_failover_v1_GetGroupRequest__Output>
        Group: MessageTypeDefinition<_rolecall_failover_v1_Group, _rolecall_failover_v1_Group__Output>
        GroupConfiguration: MessageTypeDefinition<_rolecall_failover_v1_GroupConfiguration, _rolecall_failover_v1_GroupConfiguration__Output>
        GroupHeartbeat: MessageTypeDefinition<_rolecall_failover_v1_GroupHeartbeat, _rolecall_failover_v1_GroupHeartbeat__Output>
        GroupHeartbeatResponse: MessageTypeDefinition<_rolecall_failover_v1_GroupHeartbeatResponse, _rolecall_failover_v1_GroupHeartbeatResponse__Output>
        HeartbeatStreamRequest: MessageTypeDefinition<_rolecall_failover_v1_HeartbeatStreamRequest, _rolecall_failover_v1_HeartbeatStreamRequest__Output>
        HeartbeatStreamResponse: MessageTypeDefinition<_rolecall_failover_v1_HeartbeatStreamResponse, _rolecall_failover_v1_HeartbeatStreamResponse__Output>
        ListClientSessionsRequest: MessageTypeDefinition<_rolecall_failover_v1_ListClientSessionsRequest, _rolecall_failover_v1_ListClientSessionsRequest__Output>
        ListGroupsRequest: MessageTypeDefinition<_rolecall_failover_v1_ListGroupsRequest, _rolecall_failover_v1_ListGroupsRequest__Output>
        PutClientSessionRequest: MessageTypeDefinition<_rolecall_failover_v1_PutClientSessionRequest, _rolecall_failover_v1_PutClientSessionRequest__Output>
        PutGroupRequest: MessageTypeDefinition<_rolecall_failover_v1_PutGroupRequest, _rolecall_failover_v1_PutGroupRequest__Output>
        RemoveGroupClientSessionRequest: MessageTypeDefinition<_rolecall_failover_v1_RemoveGroupClientSessionRequest, _rolecall_failover_v1_RemoveGroupClientSessionRequest__Output>
        SendGroupHeartbeatRequest: MessageTypeDefinition<_rolecall_failover_v1_SendGroupHeartbeatRequest, _rolecall_failover_v1_SendGroupHeartbeatRequest__Output>
        SendHeartbeatRequest: MessageTypeDefinition<_rolecall_failover_v1_SendHeartbeatRequest, _rolecall_failover_v1_SendHeartbeatRequest__Output>
        SessionHeartbeat: MessageTypeDefinition<_rolecall_failover_v1_SessionHeartbeat, _rolecall_failover_v1_SessionHeartbeat__Output>
        SessionRole: MessageTypeDefinition<_rolecall_failover_v1_SessionRole, _rolecall_failover_v1_SessionRole__Output>
        SessionSummary: MessageTypeDefinition<_rolecall_failover_v1_SessionSummary, _rolecall_failover_v1_SessionSummary__Output>
        WatchGroupRequest: MessageTypeDefinition<_rolecall_failover_v1_WatchGroupRequest, _rolecall_failover_v1_WatchGroupRequest__Output>
        WatchGroupResponse: MessageTypeDefinition<_rolecall_failover_v1_WatchGroupResponse, _rolecall_failover_v1_WatchGroupResponse__Output>
      }
    }
    rest: {
      v1: {
      }
    }
    status: {
      v1: {
        ApiDocument: MessageTypeDefinition<_rolecall_status_v1_ApiDocument, _rolecall_status_v1_ApiDocument__Output>
        /**
         * ApiDocumentService serves the OpenAPI 3.1 documents of rolecall's REST APIs.
         */
        ApiDocumentService: SubtypeConstructor<typeof grpc.Client, _rolecall_status_v1_ApiDocumentServiceClient> & { service: _rolecall_status_v1_ApiDocumentServiceDefinition }
        ClientStatus: MessageTypeDefinition<_rolecall_status_v1_ClientStatus, _rolecall_status_v1_ClientStatus__Output>
        GetApiDocumentRequest: MessageTypeDefinition<_rolecall_status_v1_GetApiDocumentRequest, _rolecall_status_v1_GetApiDocumentRequest__Output>
        GetStatusAssetRequest: MessageTypeDefinition<_rolecall_status_v1_GetStatusAssetRequest, _rolecall_status_v1_GetStatusAssetRequest__Output>
        GetStatusPageRequest: MessageTypeDefinition<_rolecall_status_v1_GetStatusPageRequest, _rolecall_status_v1_GetStatusPageRequest__Output>
        GetStatusRequest: MessageTypeDefinition<_rolecall_status_v1_GetStatusRequest, _rolecall_status_v1_GetStatusRequest__Output>
        GetStatusResponse: MessageTypeDefinition<_rolecall_status_v1_GetStatusResponse, _rolecall_status_v1_GetStatusResponse__Output>
        GroupStatus: MessageTypeDefinition<_rolecall_status_v1_GroupStatus, _rolecall_status_v1_GroupStatus__Output>
        ListApiDocumentsRequest: MessageTypeDefinition<_rolecall_status_v1_ListApiDocumentsRequest, _rolecall_status_v1_ListApiDocumentsRequest__Output>
        ListApiDocumentsResponse: MessageTypeDefinition<_rolecall_status_v1_ListApiDocumentsResponse, _rolecall_status_v1_ListApiDocumentsResponse__Output>
        NamespaceStatus: MessageTypeDefinition<_rolecall_status_v1_NamespaceStatus, _rolecall_status_v1_NamespaceStatus__Output>
        /**
         * StatusService shows an operator what rolecall is doing right now: every failover group with
         * its clients' roles, the live streams and the TTL sessions. It serves a status page (HTML and
         * its script) through the same Envoy listener as the APIs, and the JSON snapshot the page polls.
         */
        StatusService: SubtypeConstructor<typeof grpc.Client, _rolecall_status_v1_StatusServiceClient> & { service: _rolecall_status_v1_StatusServiceDefinition }
        StreamCount: MessageTypeDefinition<_rolecall_status_v1_StreamCount, _rolecall_status_v1_StreamCount__Output>
        TtlSessionStatus: MessageTypeDefinition<_rolecall_status_v1_TtlSessionStatus, _rolecall_status_v1_TtlSessionStatus__Output>
      }
    }
  }
}

