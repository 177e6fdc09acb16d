// ALPR back end: Flex Consumption function app (custom handler) with managed identity, Blob/Queue storage,
// Cosmos DB (serverless, local auth disabled), an Event Grid topic for PlateRead/HotlistHit events, and the
// Event Grid subscription that turns BlobCreated on "captures" into the ProcessCapture blob trigger.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name')
param environmentName string

@minLength(1)
@description('Azure region')
param location string

@description('Object id of the deploying user, granted data access for local development against Azure')
param principalId string = ''

@description('Retention preset of the agency (docs/retention.md); no default: the agency must choose, and the purge refuses to run without one')
@allowed([ 'san-leandro', 'palm-springs', 'escondido', 'visalia', 'pittsburg' ])
param retentionPolicy string

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module app 'modules/app.bicep' = {
  name: 'alpr-app'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    principalId: principalId
    retentionPolicy: retentionPolicy
  }
}

output AZURE_LOCATION string = location
output AZURE_FUNCTION_APP_NAME string = app.outputs.functionAppName
output AZURE_STORAGE_ACCOUNT string = app.outputs.storageAccountName
output AZURE_COSMOS_ENDPOINT string = app.outputs.cosmosEndpoint
output AZURE_EVENTGRID_TOPIC_ENDPOINT string = app.outputs.topicEndpoint
