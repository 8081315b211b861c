<#--
  Sign-in of the support agents of the conseils (flow monespace-agents, README « Support des conseils »):
  agent username and password. Attributes: agentUsername (typed back after an error); a field
  error on username (one generic message: wrong password, not an agent, locked).
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign credentialError = messagesPerField.existsError('username')>
<@layout.registrationLayout displayMessage=!credentialError; section>
    <#if section = "header">
        ${msg("monespaceAgentLoginTitle")}
    <#elseif section = "form">
        <@me.text key="monespaceAgentLoginText"/>
        <#if credentialError>
            <@me.messageBox type="error" id="me-agent-login-error" text=messagesPerField.getFirstError('username')/>
        </#if>
        <@me.form action=url.loginAction id="me-agent-login-form">
            <@me.textField name="username" labelKey="monespaceAgentUsername" value=(agentUsername)!''
                required=true autocomplete="username" spellcheck="false" autocapitalize="none" maxlength="255"
                showFieldError=false invalid=credentialError describedBy=credentialError?then("me-agent-login-error", "")/>
            <@me.passwordField name="password" labelKey="monespacePassword" autocomplete="current-password"
                showFieldError=false invalid=credentialError describedBy=credentialError?then("me-agent-login-error", "")/>
            <@me.actions>
                <@me.primaryButton labelKey="monespaceDoLogIn" name="login" id="me-agent-login"/>
            </@me.actions>
        </@me.form>
    </#if>
</@layout.registrationLayout>
