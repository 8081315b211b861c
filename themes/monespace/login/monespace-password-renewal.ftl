<#--
  First login with a password of the old portal that today's policy refuses (required action
  monespace-password-renewal, never application-initiated): a new password with the strength
  indicator and its confirmation, the login e-mail read-only, as on the Paramètres screens.
  Attributes: monespaceLoginEmail (login e-mail, also the strength rule "not the e-mail"),
  username (RPPS, "not the username"); field errors on password (policy) and password-confirm.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign loginEmail = (monespaceLoginEmail)!"">
<#assign fieldErrors = messagesPerField.existsError('password', 'password-confirm')>
<@layout.registrationLayout displayMessage=false pageError=fieldErrors; section>
    <#if section = "header">
        ${msg("monespaceRenewalTitle")}
    <#elseif section = "form">
        <@me.messageBox type="info" key="monespaceRenewalIntro" id="me-renewal-intro" live=false/>
        <@me.subtitle key="monespaceLoginInfoHeading"/>
        <@me.form action=url.loginAction id="me-renewal-form">
            <@me.newPasswordField name="password-new" labelKey="monespaceNewPassword" errorFields=["password"]
                strengthEmail=loginEmail strengthUsername=(username)!''/>
            <@me.passwordField name="password-confirm" labelKey="monespaceConfirmNewPassword" autocomplete="new-password"/>
            <#if loginEmail?has_content>
                <#-- Read-only, unnamed: nothing is submitted, but password managers pair the new
                     password with this login (autocomplete=username). -->
                <@me.textField name="" id="me-login-email" labelKey="monespaceEmailAddress" requiredMark=true type="email"
                    value=loginEmail readonly=true autocomplete="username" hintKey="monespaceNotPublic"/>
            </#if>
            <@me.actions>
                <@me.primaryButton labelKey="monespaceSave"/>
            </@me.actions>
        </@me.form>
    </#if>
</@layout.registrationLayout>
