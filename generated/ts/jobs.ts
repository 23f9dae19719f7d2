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
import type { AddJobRequest as _rolecall_jobs_v1_AddJobRequest, AddJobRequest__Output as _rolecall_jobs_v1_AddJobRequest__Output } from './rolecall/jobs/v1/AddJobRequest';
import type { AddJobResponse as _rolecall_jobs_v1_AddJobResponse, AddJobResponse__Output as _rolecall_jobs_v1_AddJobResponse__Output } from './rolecall/jobs/v1/AddJobResponse';
import type { CreateJobRequest as _rolecall_jobs_v1_CreateJobRequest, CreateJobRequest__Output as _rolecall_jobs_v1_CreateJobRequest__Output } from './rolecall/jobs/v1/CreateJobRequest';
import type { CreateJobResponse as _rolecall_jobs_v1_CreateJobResponse, CreateJobResponse__Output as _rolecall_jobs_v1_CreateJobResponse__Output } from './rolecall/jobs/v1/CreateJobResponse';
import type { CreateSessionRequest as _rolecall_jobs_v1_CreateSessionRequest, CreateSessionRequest__Output as _rolecall_jobs_v1_CreateSessionRequest__Output } from './rolecall/jobs/v1/CreateSessionRequest';
import type { CreateSessionResponse as _rolecall_jobs_v1_CreateSessionResponse, CreateSessionResponse__Output as _rolecall_jobs_v1_CreateSessionResponse__Output } from './rolecall/jobs/v1/CreateSessionResponse';
import type { DeleteJobRequest as _rolecall_jobs_v1_DeleteJobRequest, DeleteJobRequest__Output as _rolecall_jobs_v1_DeleteJobRequest__Output } from './rolecall/jobs/v1/DeleteJobRequest';
import type { DeleteJobResponse as _rolecall_jobs_v1_DeleteJobResponse, DeleteJobResponse__Output as _rolecall_jobs_v1_DeleteJobResponse__Output } from './rolecall/jobs/v1/DeleteJobResponse';
import type { DeleteSessionRequest as _rolecall_jobs_v1_DeleteSessionRequest, DeleteSessionRequest__Output as _rolecall_jobs_v1_DeleteSessionRequest__Output } from './rolecall/jobs/v1/DeleteSessionRequest';
import type { DeleteSessionResponse as _rolecall_jobs_v1_DeleteSessionResponse, DeleteSessionResponse__Output as _rolecall_jobs_v1_DeleteSessionResponse__Output } from './rolecall/jobs/v1/DeleteSessionResponse';
import type { EndAction as _rolecall_jobs_v1_EndAction, EndAction__Output as _rolecall_jobs_v1_EndAction__Output } from './rolecall/jobs/v1/EndAction';
import type { GetJobRequest as _rolecall_jobs_v1_GetJobRequest, GetJobRequest__Output as _rolecall_jobs_v1_GetJobRequest__Output } from './rolecall/jobs/v1/GetJobRequest';
import type { GetSessionRequest as _rolecall_jobs_v1_GetSessionRequest, GetSessionRequest__Output as _rolecall_jobs_v1_GetSessionRequest__Output } from './rolecall/jobs/v1/GetSessionRequest';
import type { Job as _rolecall_jobs_v1_Job, Job__Output as _rolecall_jobs_v1_Job__Output } from './rolecall/jobs/v1/Job';
import type { JobFields as _rolecall_jobs_v1_JobFields, JobFields__Output as _rolecall_jobs_v1_JobFields__Output } from './rolecall/jobs/v1/JobFields';
import type { JobServiceClient as _rolecall_jobs_v1_JobServiceClient, JobServiceDefinition as _rolecall_jobs_v1_JobServiceDefinition } from './rolecall/jobs/v1/JobService';
import type { JobSession as _rolecall_jobs_v1_JobSession, JobSession__Output as _rolecall_jobs_v1_JobSession__Output } from './rolecall/jobs/v1/JobSession';
import type { JobSessionFields as _rolecall_jobs_v1_JobSessionFields, JobSessionFields__Output as _rolecall_jobs_v1_JobSessionFields__Output } from './rolecall/jobs/v1/JobSessionFields';
import type { JobSessionServiceClient as _rolecall_jobs_v1_JobSessionServiceClient, JobSessionServiceDefinition as _rolecall_jobs_v1_JobSessionServiceDefinition } from './rolecall/jobs/v1/JobSessionService';
import type { ListJobsRequest as _rolecall_jobs_v1_ListJobsRequest, ListJobsRequest__Output as _rolecall_jobs_v1_ListJobsRequest__Output } from './rolecall/jobs/v1/ListJobsRequest';
import type { ListJobsResponse as _rolecall_jobs_v1_ListJobsResponse, ListJobsResponse__Output as _rolecall_jobs_v1_ListJobsResponse__Output } from './rolecall/jobs/v1/ListJobsResponse';
import type { ListSessionsRequest as _rolecall_jobs_v1_ListSessionsRequest, ListSessionsRequest__Output as _rolecall_jobs_v1_ListSessionsRequest__Output } from './rolecall/jobs/v1/ListSessionsRequest';
import type { ListSessionsResponse as _rolecall_jobs_v1_ListSessionsResponse, ListSessionsResponse__Output as _rolecall_jobs_v1_ListSessionsResponse__Output } from './rolecall/jobs/v1/ListSessionsResponse';
import type { RemoveJobRequest as _rolecall_jobs_v1_RemoveJobRequest, RemoveJobRequest__Output as _rolecall_jobs_v1_RemoveJobRequest__Output } from './rolecall/jobs/v1/RemoveJobRequest';
import type { RemoveJobResponse as _rolecall_jobs_v1_RemoveJobResponse, RemoveJobResponse__Output as _rolecall_jobs_v1_RemoveJobResponse__Output } from './rolecall/jobs/v1/RemoveJobResponse';
import type { RunActionRequest as _rolecall_jobs_v1_RunActionRequest, RunActionRequest__Output as _rolecall_jobs_v1_RunActionRequest__Output } from './rolecall/jobs/v1/RunActionRequest';
import type { RunActionResponse as _rolecall_jobs_v1_RunActionResponse, RunActionResponse__Output as _rolecall_jobs_v1_RunActionResponse__Output } from './rolecall/jobs/v1/RunActionResponse';
import type { Search as _rolecall_jobs_v1_Search, Search__Output as _rolecall_jobs_v1_Search__Output } from './rolecall/jobs/v1/Search';
import type { SessionJob as _rolecall_jobs_v1_SessionJob, SessionJob__Output as _rolecall_jobs_v1_SessionJob__Output } from './rolecall/jobs/v1/SessionJob';
import type { StartAction as _rolecall_jobs_v1_StartAction, StartAction__Output as _rolecall_jobs_v1_StartAction__Output } from './rolecall/jobs/v1/StartAction';
import type { UpdateJobRequest as _rolecall_jobs_v1_UpdateJobRequest, UpdateJobRequest__Output as _rolecall_jobs_v1_UpdateJobRequest__Output } from './rolecall/jobs/v1/UpdateJobRequest';
import type { UpdateJobResponse as _rolecall_jobs_v1_UpdateJobResponse, UpdateJobResponse__Output as _rolecall_jobs_v1_UpdateJobResponse__Output } from './rolecall/jobs/v1/UpdateJobResponse';
import type { UpdateSessionRequest as _rolecall_jobs_v1_UpdateSessionRequest, UpdateSessionRequest__Output as _rolecall_jobs_v1_UpdateSessionRequest__Output } from './rolecall/jobs/v1/UpdateSessionRequest';
import type { UpdateSessionResponse as _rolecall_jobs_v1_UpdateSessionResponse, UpdateSessionResponse__Output as _rolecall_jobs_v1_UpdateSessionResponse__Output } from './rolecall/jobs/v1/UpdateSessionResponse';

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
    jobs: {
      v1: {
        AddJobRequest: MessageTypeDefinition<_rolecall_jobs_v1_AddJobRequest, _rolecall_jobs_v1_AddJobRequest__Output>
        AddJobResponse: MessageTypeDefinition<_rolecall_jobs_v1_AddJobResponse, _rolecall_jobs_v1_AddJobResponse__Output>
        CreateJobRequest: MessageTypeDefinition<_rolecall_jobs_v1_CreateJobRequest, _rolecall_jobs_v1_CreateJobRequest__Output>
        CreateJobResponse: MessageTypeDefinition<_rolecall_jobs_v1_CreateJobResponse, _rolecall_jobs_v1_CreateJobResponse__Output>
        CreateSessionRequest: MessageTypeDefinition<_rolecall_jobs_v1_CreateSessionRequest, _rolecall_jobs_v1_CreateSessionRequest__Output>
        CreateSessionResponse: MessageTypeDefinition<_rolecall_jobs_v1_CreateSessionResponse, _rolecall_jobs_v1_CreateSessionResponse__Output>
        DeleteJobRequest: MessageTypeDefinition<_rolecall_jobs_v1_DeleteJobRequest, _rolecall_jobs_v1_DeleteJobRequest__Output>
        DeleteJobResponse: MessageTypeDefinition<_rolecall_jobs_v1_DeleteJobResponse, _rolecall_jobs_v1_DeleteJobResponse__Output>
        DeleteSessionRequest: MessageTypeDefinition<_rolecall_jobs_v1_DeleteSessionRequest, _rolecall_jobs_v1_DeleteSessionRequest__Output>
        DeleteSessionResponse: MessageTypeDefinition<_rolecall_jobs_v1_DeleteSessionResponse, _rolecall_jobs_v1_DeleteSessionResponse__Output>
        EndAction: MessageTypeDefinition<_rolecall_jobs_v1_EndAction, _rolecall_jobs_v1_EndAction__Output>
        GetJobRequest: MessageTypeDefinition<_rolecall_jobs_v1_GetJobRequest, _rolecall_jobs_v1_GetJobRequest__Output>
        GetSessionRequest: MessageTypeDefinition<_rolecall_jobs_v1_GetSessionRequest, _rolecall_jobs_v1_GetSessionRequest__Output>
        Job: MessageTypeDefinition<_rolecall_jobs_v1_Job, _rolecall_jobs_v1_Job__Output>
        JobFields: MessageTypeDefinition<_rolecall_jobs_v1_JobFields, _rolecall_jobs_v1_JobFields__Output>
        /**
         * JobService keeps the minimal Freezer v2 jobs API the sessions need.
         */
        JobService: SubtypeConstructor<typeof grpc.Client, _rolecall_jobs_v1_JobServiceClient> & { service: _rolecall_jobs_v1_JobServiceDefinition }
        JobSession: MessageTypeDefinition<_rolecall_jobs_v1_JobSession, _rolecall_jobs_v1_JobSession__Output>
        JobSessionFields: MessageTypeDefinition<_rolecall_jobs_v1_JobSessionFields, _rolecall_jobs_v1_JobSessionFields__Output>
        /**
         * JobSessionService keeps OpenStack Freezer v2 sessions: groups of jobs that share one schedule
         * and start together. A session's tag grows by one at every new run; the start and end actions
         * decide, with Freezer's state machine, whether a job may start and when the run is complete.
         * Every object belongs to a project; another project's objects are NOT_FOUND (404). JSON field
         * names are Freezer's snake_case ones, set with json_name wherever lowerCamel would differ.
         */
        JobSessionService: SubtypeConstructor<typeof grpc.Client, _rolecall_jobs_v1_JobSessionServiceClient> & { service: _rolecall_jobs_v1_JobSessionServiceDefinition }
        ListJobsRequest: MessageTypeDefinition<_rolecall_jobs_v1_ListJobsRequest, _rolecall_jobs_v1_ListJobsRequest__Output>
        ListJobsResponse: MessageTypeDefinition<_rolecall_jobs_v1_ListJobsResponse, _rolecall_jobs_v1_ListJobsResponse__Output>
        ListSessionsRequest: MessageTypeDefinition<_rolecall_jobs_v1_ListSessionsRequest, _rolecall_jobs_v1_ListSessionsRequest__Output>
        ListSessionsResponse: MessageTypeDefinition<_rolecall_jobs_v1_ListSessionsResponse, _rolecall_jobs_v1_ListSessionsResponse__Output>
        RemoveJobRequest: MessageTypeDefinition<_rolecall_jobs_v1_RemoveJobRequest, _rolecall_jobs_v1_RemoveJobRequest__Output>
        RemoveJobResponse: MessageTypeDefinition<_rolecall_jobs_v1_RemoveJobResponse, _rolecall_jobs_v1_RemoveJobResponse__Output>
        RunActionRequest: MessageTypeDefinition<_rolecall_jobs_v1_RunActionRequest, _rolecall_jobs_v1_RunActionRequest__Output>
        RunActionResponse: MessageTypeDefinition<_rolecall_jobs_v1_RunActionResponse, _rolecall_jobs_v1_RunActionResponse__Output>
        Search: MessageTypeDefinition<_rolecall_jobs_v1_Search, _rolecall_jobs_v1_Search__Output>
        SessionJob: MessageTypeDefinition<_rolecall_jobs_v1_SessionJob, _rolecall_jobs_v1_SessionJob__Output>
        StartAction: MessageTypeDefinition<_rolecall_jobs_v1_StartAction, _rolecall_jobs_v1_StartAction__Output>
        UpdateJobRequest: MessageTypeDefinition<_rolecall_jobs_v1_UpdateJobRequest, _rolecall_jobs_v1_UpdateJobRequest__Output>
        UpdateJobResponse: MessageTypeDefinition<_rolecall_jobs_v1_UpdateJobResponse, _rolecall_jobs_v1_UpdateJobResponse__Output>
        UpdateSessionRequest: MessageTypeDefinition<_rolecall_jobs_v1_UpdateSessionRequest, _rolecall_jobs_v1_UpdateSessionRequest__Output>
        UpdateSessionResponse: MessageTypeDefinition<_rolecall_jobs_v1_UpdateSessionResponse, _rolecall_jobs_v1_UpdateSessionResponse__Output>
      }
    }
    rest: {
      v1: {
      }
    }
  }
}

