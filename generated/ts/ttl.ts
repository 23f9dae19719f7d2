import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CustomHttpPattern as _google_api_CustomHttpPattern, CustomHttpPattern__Output as _google_api_CustomHttpPattern__Output } from './google/api/CustomHttpPattern';
import type { Http as _google_api_Http, Http__Output as _google_api_Http__Output } from './google/api/Http';
import type { HttpBody as _google_api_HttpBody, HttpBody__Output as _google_api_HttpBody__Output } from './google/api/HttpBody';
import type { HttpRule as _google_api_HttpRule, HttpRule__Output as _google_api_HttpRule__Output } from './google/api/HttpRule';
import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from './google/protobuf/Any';
import type { DescriptorProto as _google_protobuf_DescriptorProto, DescriptorProto__Output as _google_protobuf_DescriptorProto__Output } from './google/protobuf/DescriptorProto';
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
import type { GeneratedCodeInfo as _google_protobuf_GeneratedCodeInfo, GeneratedCodeInfo__Output as _google_protobuf_GeneratedCodeInfo__Output } from './google/protobuf/GeneratedCodeInfo';
import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue';
import type { MessageOptions as _google_protobuf_MessageOptions, MessageOptions__Output as _google_protobuf_MessageOptions__Output } from './google/protobuf/MessageOptions';
import type { MethodDescriptorProto as _google_protobuf_MethodDescriptorProto, MethodDescriptorProto__Output as _google_protobuf_MethodDescriptorProto__Output } from './google/protobuf/MethodDescriptorProto';
import type { MethodOptions as _google_protobuf_MethodOptions, MethodOptions__Output as _google_protobuf_MethodOptions__Output } from './google/protobuf/MethodOptions';
import type { OneofDescriptorProto as _google_protobuf_OneofDescriptorProto, OneofDescriptorProto__Output as _google_protobuf_OneofDescriptorProto__Output } from './google/protobuf/OneofDescriptorProto';
import type { OneofOptions as _google_protobuf_OneofOptions, OneofOptions__Output as _google_protobuf_OneofOptions__Output } from './google/protobuf/OneofOptions';
import type { ServiceDescriptorProto as _google_protobuf_ServiceDescriptorProto, ServiceDescriptorProto__Output as _google_protobuf_ServiceDescriptorProto__Output } from './google/protobuf/ServiceDescriptorProto';
import type { ServiceOptions as _google_protobuf_ServiceOptions, ServiceOptions__Output as _google_protobuf_ServiceOptions__Output } from './google/protobuf/ServiceOptions';
import type { SourceCodeInfo as _google_protobuf_SourceCodeInfo, SourceCodeInfo__Output as _google_protobuf_SourceCodeInfo__Output } from './google/protobuf/SourceCodeInfo';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct';
import type { UninterpretedOption as _google_protobuf_UninterpretedOption, UninterpretedOption__Output as _google_protobuf_UninterpretedOption__Output } from './google/protobuf/UninterpretedOption';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value';
import type { AuthenticatedSessionResponse as _rolecall_ttl_v1_AuthenticatedSessionResponse, AuthenticatedSessionResponse__Output as _rolecall_ttl_v1_AuthenticatedSessionResponse__Output } from './rolecall/ttl/v1/AuthenticatedSessionResponse';
import type { CreateSessionRequest as _rolecall_ttl_v1_CreateSessionRequest, CreateSessionRequest__Output as _rolecall_ttl_v1_CreateSessionRequest__Output } from './rolecall/ttl/v1/CreateSessionRequest';
import type { DeleteSessionRequest as _rolecall_ttl_v1_DeleteSessionRequest, DeleteSessionRequest__Output as _rolecall_ttl_v1_DeleteSessionRequest__Output } from './rolecall/ttl/v1/DeleteSessionRequest';
import type { DeleteSessionResponse as _rolecall_ttl_v1_DeleteSessionResponse, DeleteSessionResponse__Output as _rolecall_ttl_v1_DeleteSessionResponse__Output } from './rolecall/ttl/v1/DeleteSessionResponse';
import type { GetSessionRequest as _rolecall_ttl_v1_GetSessionRequest, GetSessionRequest__Output as _rolecall_ttl_v1_GetSessionRequest__Output } from './rolecall/ttl/v1/GetSessionRequest';
import type { GetSessionResponse as _rolecall_ttl_v1_GetSessionResponse, GetSessionResponse__Output as _rolecall_ttl_v1_GetSessionResponse__Output } from './rolecall/ttl/v1/GetSessionResponse';
import type { GetStaticSessionRequest as _rolecall_ttl_v1_GetStaticSessionRequest, GetStaticSessionRequest__Output as _rolecall_ttl_v1_GetStaticSessionRequest__Output } from './rolecall/ttl/v1/GetStaticSessionRequest';
import type { TtlSessionServiceClient as _rolecall_ttl_v1_TtlSessionServiceClient, TtlSessionServiceDefinition as _rolecall_ttl_v1_TtlSessionServiceDefinition } from './rolecall/ttl/v1/TtlSessionService';
import type { UpdateSessionRequest as _rolecall_ttl_v1_UpdateSessionRequest, UpdateSessionRequest__Output as _rolecall_ttl_v1_UpdateSessionRequest__Output } from './rolecall/ttl/v1/UpdateSessionRequest';
import type { UpdateSessionResponse as _rolecall_ttl_v1_UpdateSessionResponse, UpdateSessionResponse__Output as _rolecall_ttl_v1_UpdateSessionResponse__Output } from './rolecall/ttl/v1/UpdateSessionResponse';

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
      DescriptorProto: MessageTypeDefinition<_google_protobuf_DescriptorProto, _google_protobuf_DescriptorProto__Output>
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
      GeneratedCodeInfo: MessageTypeDefinition<_google_protobuf_GeneratedCodeInfo, _google_protobuf_GeneratedCodeInfo__Output>
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      MessageOptions: MessageTypeDefinition<_google_protobuf_MessageOptions, _google_protobuf_MessageOptions__Output>
      MethodDescriptorProto: MessageTypeDefinition<_google_protobuf_MethodDescriptorProto, _google_protobuf_MethodDescriptorProto__Output>
      MethodOptions: MessageTypeDefinition<_google_protobuf_MethodOptions, _google_protobuf_MethodOptions__Output>
      NullValue: EnumTypeDefinition
      OneofDescriptorProto: MessageTypeDefinition<_google_protobuf_OneofDescriptorProto, _google_protobuf_OneofDescriptorProto__Output>
      OneofOptions: MessageTypeDefinition<_google_protobuf_OneofOptions, _google_protobuf_OneofOptions__Output>
      ServiceDescriptorProto: MessageTypeDefinition<_google_protobuf_ServiceDescriptorProto, _google_protobuf_ServiceDescriptorProto__Output>
      ServiceOptions: MessageTypeDefinition<_google_protobuf_ServiceOptions, _google_protobuf_ServiceOptions__Output>
      SourceCodeInfo: MessageTypeDefinition<_google_protobuf_SourceCodeInfo, _google_protobuf_SourceCodeInfo__Output>
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      SymbolVisibility: EnumTypeDefinition
      UninterpretedOption: MessageTypeDefinition<_google_protobuf_UninterpretedOption, _google_protobuf_UninterpretedOption__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  rolecall: {
    rest: {
      v1: {
      }
    }
    ttl: {
      v1: {
        AuthenticatedSessionResponse: MessageTypeDefinition<_rolecall_ttl_v1_AuthenticatedSessionResponse, _rolecall_ttl_v1_AuthenticatedSessionResponse__Output>
        CreateSessionRequest: MessageTypeDefinition<_rolecall_ttl_v1_CreateSessionRequest, _rolecall_ttl_v1_CreateSessionRequest__Output>
        DeleteSessionRequest: MessageTypeDefinition<_rolecall_ttl_v1_DeleteSessionRequest, _rolecall_ttl_v1_DeleteSessionRequest__Output>
        DeleteSessionResponse: MessageTypeDefinition<_rolecall_ttl_v1_DeleteSessionResponse, _rolecall_ttl_v1_DeleteSessionResponse__Output>
        GetSessionRequest: MessageTypeDefinition<_rolecall_ttl_v1_GetSessionRequest, _rolecall_ttl_v1_GetSessionRequest__Output>
        GetSessionResponse: MessageTypeDefinition<_rolecall_ttl_v1_GetSessionResponse, _rolecall_ttl_v1_GetSessionResponse__Output>
        GetStaticSessionRequest: MessageTypeDefinition<_rolecall_ttl_v1_GetStaticSessionRequest, _rolecall_ttl_v1_GetStaticSessionRequest__Output>
        /**
         * TtlSessionService keeps g4-style persistent sessions that expire after `timeout` seconds without
         * use. Every call needs the tenant in the `x-g4-tenant` header; `x-g4-application` is optional.
         * All calls but CreateSession need `Authorization: Bearer <bearer>` of the session: a missing or
         * wrong bearer is UNAUTHENTICATED (401), a session of another tenant is NOT_FOUND (404), and an
         * expired session is NOT_FOUND (404). Headers reach the server as metadata, never as fields.
         */
        TtlSessionService: SubtypeConstructor<typeof grpc.Client, _rolecall_ttl_v1_TtlSessionServiceClient> & { service: _rolecall_ttl_v1_TtlSessionServiceDefinition }
        UpdateSessionRequest: MessageTypeDefinition<_rolecall_ttl_v1_UpdateSessionRequest, _rolecall_ttl_v1_UpdateSessionRequest__Output>
        UpdateSessionResponse: MessageTypeDefinition<_rolecall_ttl_v1_UpdateSessionResponse, _rolecall_ttl_v1_UpdateSessionResponse__Output>
      }
    }
  }
}

