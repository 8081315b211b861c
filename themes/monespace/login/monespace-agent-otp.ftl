<#--
  Second step of the agents' sign-in: a code of the agent's TOTP app. Field error on otp.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("monespaceAgentOtpTitle")}
    <#elseif section = "form">
        <@me.form action=url.loginAction id="me-agent-otp-form">
            <@me.textField name="otp" labelKey="monespaceAgentOtpLabel" hintKey="monespaceAgentOtpHint" required=true
                autofocus=true inputmode="numeric" autocomplete="one-time-code" maxlength="8" spellcheck="false"/>
            <@me.actions>
                <@me.primaryButton labelKey="monespaceDoValidate" name="login" id="me-agent-otp"/>
            </@me.actions>
        </@me.form>
    </#if>
</@layout.registrationLayout>
